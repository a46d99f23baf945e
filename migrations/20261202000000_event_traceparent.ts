import type { Knex } from 'knex';

/**
 * The W3C traceparent of the ingest request that stored an event, while tracing is on: the
 * workflow starts after the answer (the outbox), and its spans join the request's trace.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (table) => {
    table.text('traceparent');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (table) => {
    table.dropColumn('traceparent');
  });
}
