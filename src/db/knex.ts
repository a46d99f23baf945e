import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { migrationSource } from '../../migrations';

// Postgres `bigint` (counts, bigserial ids) fits a JS number for every value Herald stores.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Knex;

export function connectDatabase(url: string, poolMax = 10): Database {
  return knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: poolMax },
    migrations: { migrationSource },
  });
}

export async function migrateToLatest(db: Database): Promise<void> {
  await db.migrate.latest();
}
