import type { Knex } from 'knex';

/** The retention purge finds old events by when they arrived (src/retention/purge.ts). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS events_received_at_idx ON events (received_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_received_at_idx');
}
