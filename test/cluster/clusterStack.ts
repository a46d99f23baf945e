/**
 * Herald in its production shape on this machine: a real Temporal server (temporalCluster.ts)
 * on the machine's Postgres, Herald's own fresh database there, two API processes and two
 * worker processes (`src/main.ts api|worker`) on one task queue, and an HTTPS receiver.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectDatabase, migrateToLatest } from '../../src/db/knex';
import { pollUntil } from '../../src/runtime/poll';
import { findFreePort } from '../../src/runtime/ports';
import { freshDatabase } from '../support/freshDatabase';
import { spawnHerald } from '../support/process';
import { startReceiver } from '../support/receiver';
import { processEnvironment } from '../support/stack';
import { startTemporalCluster } from './temporalCluster';

type Spawned = ReturnType<typeof spawnHerald>;

export const CLUSTER_NAMESPACE = 'herald';

export async function startClusterStack(options: { postgresUrl: string; dataDir: string }) {
  const temporal = await startTemporalCluster({
    dataDir: options.dataDir,
    postgresUrl: options.postgresUrl,
    namespace: CLUSTER_NAMESPACE,
  });
  const database = await freshDatabase(options.postgresUrl, 'herald_cluster');
  const migrator = connectDatabase(database.url);
  await migrateToLatest(migrator);
  await migrator.destroy();
  const receiver = await startReceiver();
  const env = processEnvironment({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: CLUSTER_NAMESPACE,
    TEMPORAL_TASK_QUEUE: 'cluster',
    HERALD_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'herald-cluster-')),
    HERALD_DELIVERY_TIMEOUT: '2s',
  });
  const apiPorts = [await findFreePort(), await findFreePort()];
  const apiUrls = apiPorts.map((port) => `http://127.0.0.1:${port}`);

  async function startApi(index: number): Promise<Spawned> {
    const api = spawnHerald('api', { ...env, PORT: String(apiPorts[index]) });
    try {
      // 60 s was once too short in CI, for a restart on a machine the scenario had loaded.
      await pollUntil(
        `API ${index + 1} to be ready`,
        120_000,
        async () => (await fetch(`${apiUrls[index]}/health/ready`)).ok,
      );
    } catch (error) {
      // Why it never came up is in its own output.
      await api.kill('SIGKILL');
      throw new Error(`${String(error)}; its output ends:\n${api.output().slice(-4_000)}`, {
        cause: error,
      });
    }
    return api;
  }
  const startWorker = () => spawnHerald('worker', env);

  const apis = [await startApi(0), await startApi(1)];
  const workers = [startWorker(), startWorker()];
  let calls = 0;
  const stack = {
    env,
    temporal,
    receiver,
    apis,
    workers,
    apiUrls,
    /** The APIs in turn, as a client behind a round-robin balancer calls them. */
    apiUrl: () => apiUrls[calls++ % apiUrls.length]!,
    databaseUrl: database.url,
    startApi,
    startWorker,
    /** The machine's Postgres, restarted as its operator would (both Herald and Temporal use it). */
    async restartPostgres(): Promise<void> {
      const version = (await promisify(execFile)('ls', ['/etc/postgresql'])).stdout.trim();
      await promisify(execFile)('pg_ctlcluster', [
        '--skip-systemctl-redirect',
        version,
        'main',
        'restart',
      ]);
    },
    output: () =>
      [...apis, ...workers]
        .map((part, index) => `--- part ${index}\n${part.output().slice(-2_000)}`)
        .join('\n'),
    async stop(): Promise<void> {
      await Promise.all([...stack.apis, ...stack.workers].map((part) => part.kill('SIGTERM')));
      await receiver.stop();
      await temporal.stop();
      await database.drop();
    },
  };
  return stack;
}

export type ClusterStack = Awaited<ReturnType<typeof startClusterStack>>;
