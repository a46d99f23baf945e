import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('platforms', (table) => {
    table.text('id').primary();
    table.text('name').notNullable();
    table.boolean('event_streaming_enabled').notNullable().defaultTo(true);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('api_keys', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    table.text('role').notNullable();
    // SHA-256 of the key's secret part: keys are random, so a slow hash adds nothing.
    table.binary('secret_hash').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['platform_id']);
  });

  await knex.schema.createTable('event_destinations', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    table.text('project_id');
    table.text('url').notNullable();
    table.specificType('events', 'text[]').notNullable();
    table.boolean('enabled').notNullable().defaultTo(true);
    table.text('disabled_reason');
    table.timestamp('disabled_at', { useTz: true });
    table.text('description');
    // Encrypted with HERALD_SECRET_KEY (see src/security/encryption.ts).
    table.text('headers_encrypted');
    table.text('signing_secret_encrypted').notNullable();
    table.text('previous_signing_secret_encrypted');
    table.timestamp('previous_signing_secret_expires_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Soft delete keeps delivery history readable after a destination is removed.
    table.timestamp('deleted_at', { useTz: true });
    table.index(['platform_id', 'id']);
  });

  await knex.schema.createTable('events', (table) => {
    table.text('platform_id').notNullable().references('platforms.id').onDelete('CASCADE');
    table.text('id').notNullable();
    table.text('type').notNullable();
    table.text('project_id');
    table.timestamp('occurred_at', { useTz: true }).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.jsonb('data').notNullable();
    table.text('workflow_id').notNullable();
    // Null until Temporal accepted the workflow; the sweep starts rows left null.
    table.timestamp('workflow_started_at', { useTz: true });
    // The permanent duplicate guard: Temporal's workflow-id dedup ends with its retention.
    table.primary(['platform_id', 'id']);
  });
  await knex.raw(
    'CREATE INDEX events_unstarted_idx ON events (received_at) WHERE workflow_started_at IS NULL',
  );

  await knex.schema.createTable('deliveries', (table) => {
    table.text('id').primary();
    table.text('platform_id').notNullable();
    table.text('event_id').notNullable();
    table.text('destination_id').notNullable().references('event_destinations.id');
    table.text('status').notNullable().defaultTo('pending');
    table.integer('attempt_count').notNullable().defaultTo(0);
    // The workflow running the current series of attempts (the fan-out, or a redelivery).
    table.text('workflow_id').notNullable();
    table.timestamp('last_attempt_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.foreign(['platform_id', 'event_id']).references(['platform_id', 'id']).inTable('events');
    table.unique(['platform_id', 'event_id', 'destination_id']);
    table.index(['destination_id', 'id']);
  });

  await knex.schema.createTable('delivery_attempts', (table) => {
    table.bigIncrements('id');
    table.text('delivery_id').notNullable().references('deliveries.id').onDelete('CASCADE');
    table.integer('attempt').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('status_code');
    table.text('error');
    table.text('response_body');
    table.index(['delivery_id', 'attempt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'delivery_attempts',
    'deliveries',
    'events',
    'event_destinations',
    'api_keys',
    'platforms',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
