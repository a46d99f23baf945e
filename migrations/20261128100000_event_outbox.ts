import type { Knex } from 'knex';

/**
 * The events table is the outbox of workflow starts. An unstarted row carries a lease
 * (`start_not_before`): the API process that stored it starts its workflow at once; a relay in
 * any replica claims rows whose lease ran out. A row whose start keeps failing is pushed further
 * out each time (`start_attempts`, `start_error`) so it never blocks the rows behind it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (table) => {
    table.integer('start_attempts').notNullable().defaultTo(0);
    table.timestamp('start_not_before', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.text('start_error');
  });
  await knex.raw('DROP INDEX IF EXISTS events_unstarted_idx');
  await knex.raw(
    'CREATE INDEX events_outbox_idx ON events (start_not_before) WHERE workflow_started_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_outbox_idx');
  await knex.raw(
    'CREATE INDEX events_unstarted_idx ON events (received_at) WHERE workflow_started_at IS NULL',
  );
  await knex.schema.alterTable('events', (table) => {
    table.dropColumns('start_attempts', 'start_not_before', 'start_error');
  });
}
