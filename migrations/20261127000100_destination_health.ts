import type { Knex } from 'knex';

/** Start of the destination's current unbroken run of failed attempts; null after a success. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.timestamp('failing_since', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('event_destinations', (table) => {
    table.dropColumn('failing_since');
  });
}
