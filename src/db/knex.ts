import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { migrationSource } from '../../migrations';

// Postgres `bigint` (counts, bigserial ids) fits a JS number for every value Herald stores.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Database = Knex;

export interface PoolOptions {
  /** Connections at most; size it to the concurrency of the part that uses the pool. */
  max: number;
  /** How long a query may wait for a free connection before it fails (a 503 for the API). */
  acquireTimeoutMs?: number;
  /** Postgres cancels a statement that runs longer, so a stuck query frees its connection. */
  statementTimeoutMs?: number;
}

/**
 * The pools of each part of a process. The API waits little for a connection (excess load is
 * answered with 503 at once); the worker's bookkeeping may wait longer, since Temporal retries it.
 */
export const POOLS = {
  api: { max: 10, acquireTimeoutMs: 2_000, statementTimeoutMs: 10_000 },
  worker: { max: 20, acquireTimeoutMs: 10_000, statementTimeoutMs: 30_000 },
  tool: { max: 1 },
} as const satisfies Record<string, PoolOptions>;

export function connectDatabase(url: string, pool: PoolOptions = POOLS.tool): Database {
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: url,
      ...(pool.statementTimeoutMs === undefined
        ? {}
        : { statement_timeout: pool.statementTimeoutMs }),
    },
    pool: { min: 0, max: pool.max },
    ...(pool.acquireTimeoutMs === undefined
      ? {}
      : { acquireConnectionTimeout: pool.acquireTimeoutMs }),
    migrations: { migrationSource },
  });
}

export async function migrateToLatest(db: Database): Promise<void> {
  await db.migrate.latest();
}
