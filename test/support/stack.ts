import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres';
import { connectDatabase, migrateToLatest } from '../../src/db/knex';
import { pollUntil } from '../../src/runtime/poll';
import { findFreePort } from '../../src/runtime/ports';
import { ensureTemporalCli } from '../../src/temporal/cli';
import { startDevServer, type DevServer } from '../../src/temporal/devServer';
import { RECEIVER_CERT } from './environment';
import { TEST_ROOT_TOKEN } from './herald';
import { spawnHerald } from './process';
import { startReceiver, type Receiver } from './receiver';

type Spawned = ReturnType<typeof spawnHerald>;

export interface StackOptions {
  /** Services the stack uses instead of starting its own (the bench against a real cluster). */
  databaseUrl?: string;
  temporalAddress?: string;
  /** One Herald process with the API and the worker, as `npm start` runs them. */
  allInOne?: boolean;
}

/**
 * Herald as production runs it, each part a real process the stack can measure, kill and
 * restart: embedded Postgres, the Temporal dev server (on its database file), the API and the
 * worker (`src/main.ts api|worker`), and an HTTPS receiver. Used by the fault suite and the bench.
 * With external services, the fault hooks for those services are not available.
 */
export async function startStack(
  envOverrides: Record<string, string> = {},
  external: StackOptions = {},
) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-faults-'));
  const cliPath = await ensureTemporalCli(process.env.HERALD_DATA_DIR ?? '.herald');
  const temporalPort = await findFreePort();
  const apiPort = await findFreePort();
  const startTemporal = () =>
    startDevServer({
      cliPath,
      dataDir,
      port: temporalPort,
      namespace: 'default',
      readyTimeoutMs: 120_000,
    });

  let database = external.databaseUrl ? undefined : await startEmbeddedPostgres(dataDir);
  const databaseUrl = external.databaseUrl ?? database!.url;
  const migrator = connectDatabase(databaseUrl);
  await migrateToLatest(migrator);
  await migrator.destroy();
  let temporal: DevServer | undefined = external.temporalAddress
    ? undefined
    : await startTemporal();
  const temporalAddress = external.temporalAddress ?? temporal!.address;
  const receiver: Receiver = await startReceiver();
  const embedded = <T>(service: T | undefined, name: string): T => {
    if (service === undefined) throw new Error(`${name} is external to this stack`);
    return service;
  };

  const env: Record<string, string> = {
    ...processEnvironment({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: 'faults',
      HERALD_DATA_DIR: dataDir,
      HERALD_DELIVERY_TIMEOUT: '1s',
    }),
    PORT: String(apiPort),
    ...envOverrides,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;

  async function startApi(): Promise<Spawned> {
    const api = spawnHerald(external.allInOne ? 'all' : 'api', env);
    await pollUntil(
      'the API to be ready',
      60_000,
      async () => (await fetch(`${apiUrl}/health/ready`)).ok,
    );
    return api;
  }
  function startWorker(): Spawned {
    return spawnHerald('worker', env);
  }

  const api = await startApi();
  const stack = {
    env,
    apiUrl,
    receiver,
    api,
    worker: external.allInOne ? api : startWorker(),
    startApi,
    startWorker,
    temporalPid: () => temporal?.pid(),
    /** The postmaster's pid (its backends are its children), when Postgres is embedded. */
    postgresPid: () => (database ? postmasterPid(path.join(dataDir, 'pg')) : undefined),
    temporalAddress: () => temporalAddress,
    /** The Temporal CLI against this stack's server, as an operator would use it. */
    async temporalCli(args: string[]): Promise<string> {
      const { stdout } = await promisify(execFile)(cliPath, [
        ...args,
        '--address',
        temporalAddress,
      ]);
      return stdout;
    },
    async killTemporal() {
      await embedded(temporal, 'Temporal').kill();
    },
    async restartTemporal() {
      embedded(temporal, 'Temporal');
      temporal = await startTemporal();
    },
    async stopPostgres() {
      await embedded(database, 'Postgres').stop();
    },
    async startPostgres() {
      const { port } = embedded(database, 'Postgres');
      database = await startEmbeddedPostgres(dataDir, undefined, port);
    },
    async stop() {
      await Promise.all([stack.api.kill('SIGTERM'), stack.worker.kill('SIGTERM')]);
      await receiver.stop();
      await temporal?.stop();
      await database?.stop();
    },
  };
  return stack;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * What every spawned Herald process of a suite gets (the fault suite, the bench, the cluster
 * test): short retries for a test's patience, private addresses allowed, the test receiver's
 * CA trusted, no rate limit in the way of a load, and one secret key for all its processes.
 */
export function processEnvironment(
  stores: Record<
    'DATABASE_URL' | 'TEMPORAL_ADDRESS' | 'TEMPORAL_TASK_QUEUE' | 'HERALD_DATA_DIR',
    string
  > &
    Record<string, string>,
): Record<string, string> {
  return {
    HERALD_WORKER_PORT: '0',
    HERALD_ROOT_TOKEN: TEST_ROOT_TOKEN,
    HERALD_SECRET_KEY: randomBytes(32).toString('base64'),
    HERALD_ALLOW_PRIVATE_NETWORKS: 'true',
    HERALD_RETRY_INITIAL_INTERVAL: '200ms',
    HERALD_RETRY_BACKOFF: '2',
    HERALD_RETRY_MAX_INTERVAL: '3s',
    HERALD_RATE_LIMIT_ADMIN: '100000',
    HERALD_RATE_LIMIT_INGEST: '100000',
    NODE_EXTRA_CA_CERTS: RECEIVER_CERT,
    LOG_LEVEL: 'warn',
    ...stores,
  };
}

function postmasterPid(databaseDir: string): number | undefined {
  try {
    const pid = Number(
      readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
