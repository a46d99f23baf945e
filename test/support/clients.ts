import { Client, Connection } from '@temporalio/client';
import knexFactory from 'knex';
import { requireTestEnv } from './environment';

/**
 * The test's own view of the stores, for asserting end states: Herald's Postgres and the
 * Temporal server it runs on. Closed after the file's tests.
 */
export function useStoreClients() {
  const db = knexFactory({
    client: 'pg',
    connection: requireTestEnv('databaseUrl'),
    pool: { min: 0, max: 2 },
  });
  const connection = Connection.lazy({ address: requireTestEnv('temporalAddress') });
  const temporal = new Client({ connection });
  afterAll(async () => {
    await connection.close();
    await db.destroy();
  });
  return { db, temporal };
}
