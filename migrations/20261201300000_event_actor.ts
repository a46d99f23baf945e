import type { Knex } from 'knex';

/** Activepieces' actor fields of an event (userId, userEmail, ip, projectDisplayName), or null. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (table) => {
    table.jsonb('actor');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (table) => {
    table.dropColumn('actor');
  });
}
