import type { Knex } from 'knex';

/**
 * The pending-retry gauge of /metrics counts pending deliveries on every scrape; a partial index
 * holds only those rows, so the count stays cheap however much delivery history piles up.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX deliveries_pending_idx ON deliveries (attempt_count) WHERE status = 'pending'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX deliveries_pending_idx');
}
