import type { Knex } from 'knex';

/**
 * What the reconciler reads (src/delivery/reconciler.ts): pending deliveries by the workflow
 * that holds them, and events whose workflow has not created their deliveries yet. Events
 * stored before this are taken as fanned out.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX IF NOT EXISTS deliveries_pending_workflow_idx ON deliveries (workflow_id, updated_at) WHERE status = 'pending'`,
  );
  await knex.schema.alterTable('events', (table) => {
    table.timestamp('deliveries_created_at', { useTz: true });
  });
  await knex.raw('UPDATE events SET deliveries_created_at = received_at');
  await knex.raw(
    'CREATE INDEX events_unfanned_idx ON events (workflow_started_at) WHERE deliveries_created_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_unfanned_idx');
  await knex.schema.alterTable('events', (table) => {
    table.dropColumn('deliveries_created_at');
  });
  await knex.raw('DROP INDEX IF EXISTS deliveries_pending_workflow_idx');
}
