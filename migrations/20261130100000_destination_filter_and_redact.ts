import type { Knex } from 'knex';

/** A destination's content filter and redacted paths (DESIGN §4, src/destinations/filter.ts). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.jsonb('filter');
    table.specificType('redact', 'text[]').notNullable().defaultTo('{}');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.dropColumn('filter');
    table.dropColumn('redact');
  });
}
