import type { Knex } from 'knex';

/**
 * `deliveries.status_reason`: why a delivery ended as it did when no attempt says so (cancelled
 * because event streaming was turned off, the destination deleted, the retry policy ran out).
 * `test_delivery_requests`: an ad-hoc test's URL and sealed headers, so the test workflow's input
 * carries only an id (Temporal is a trust boundary, DESIGN §7). A row lives while its test runs.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('deliveries', (table) => {
    table.text('status_reason');
  });
  await knex.schema.createTable('test_delivery_requests', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    table.text('url').notNullable();
    table.text('headers_encrypted');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('test_delivery_requests');
  await knex.schema.alterTable('deliveries', (table) => {
    table.dropColumn('status_reason');
  });
}
