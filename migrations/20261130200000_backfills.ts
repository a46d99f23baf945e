import type { Knex } from 'knex';

/** Backfills (DESIGN §4, src/backfill/): one row each, its progress kept by its workflow. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('backfills', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    table.text('destination_id').notNullable().references('event_destinations.id');
    table.timestamp('since', { useTz: true }).notNullable();
    table.timestamp('until', { useTz: true }).notNullable();
    table.text('status').notNullable();
    table.integer('total').notNullable();
    table.integer('delivered').notNullable().defaultTo(0);
    table.integer('failed').notNullable().defaultTo(0);
    table.text('workflow_id').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['platform_id', 'destination_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('backfills');
}
