import type { Knex } from 'knex';

/**
 * The reconciler groups pending deliveries by the workflow that holds them, and hands one
 * workflow's over at a time (src/delivery/reconciler.ts); only pending rows are indexed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS deliveries_pending_workflow_idx ON deliveries (workflow_id, updated_at) WHERE status = 'pending'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS deliveries_pending_workflow_idx');
}
