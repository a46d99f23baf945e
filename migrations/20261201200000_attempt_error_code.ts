import type { Knex } from 'knex';

/** Why an attempt did not succeed, as a code a UI can put in words (DESIGN §4 `errorCode`). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('delivery_attempts', (table) => {
    table.text('error_code');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('delivery_attempts', (table) => {
    table.dropColumn('error_code');
  });
}
