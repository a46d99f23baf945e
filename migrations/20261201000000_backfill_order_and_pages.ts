import type { Knex } from 'knex';

/**
 * Backfills page through a platform's events by (occurred_at, id), and count each page once
 * (`pages_done`), so a retried progress call cannot count a page twice.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('backfills', (table) => {
    table.integer('pages_done').notNullable().defaultTo(0);
  });
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS events_platform_occurred_idx ON events (platform_id, occurred_at, id)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_platform_occurred_idx');
  await knex.schema.alterTable('backfills', (table) => {
    table.dropColumn('pages_done');
  });
}
