import type { Knex } from 'knex';

/** A destination's body format (DESIGN §4 `format`); every existing one stays a webhook. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.text('format').notNullable().defaultTo('webhook');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.dropColumn('format');
  });
}
