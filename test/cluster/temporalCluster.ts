/**
 * A real Temporal server for `npm run test:cluster`, set up the way docs/OPERATIONS.md tells an
 * operator to: the server and `temporal-sql-tool` built from `go.temporal.io/server`, its
 * persistence and visibility schemas created in Postgres, the multi-service binary started
 * (frontend, history, matching, worker) with SQL visibility, and a namespace created with the
 * Temporal CLI. Herald registers its own search attributes when its worker starts.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { locateGo, ensureTemporalCli } from '../../src/temporal/cli';
import { pollUntil } from '../../src/runtime/poll';
import { freshDatabase } from '../support/freshDatabase';
import { ensureGoInstalled } from '../support/goTools';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';

/** `server` and `sql` (temporal-sql-tool) under `<dataDir>/temporal-cluster-<version>/`. */
export function ensureServerBinaries(dataDir: string): { server: string; sqlTool: string } {
  const [server, sqlTool] = ensureGoInstalled({
    what: `the Temporal server ${TEMPORAL_SERVER_VERSION}`,
    modules: [
      `${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ],
    binDir: path.resolve(dataDir, `temporal-cluster-${TEMPORAL_SERVER_VERSION}`),
    binaries: ['server', 'sql'],
  });
  return { server: server!, sqlTool: sqlTool! };
}

/** Where the module's Postgres schemas are: the Go module cache holds the server's source. */
function schemaDir(): string {
  const go = locateGo()!;
  const modCache = spawnSync(go, ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  return path.join(
    modCache,
    `${SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`,
    'schema',
    'postgresql',
    'v12',
  );
}

/**
 * A free port below 32768: Temporal's SQL persistence keeps membership ports in a smallint, so
 * the kernel's ephemeral ports (32768 and up) make every service fail to join the ring.
 */
async function findLowFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

interface Ports {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  membership: [number, number, number, number];
}

/**
 * Each of the four services opens its own pools: 4 × (6 + 2) = 32 connections at most, beside
 * the two APIs and two workers' 60, within the machine's max_connections of 100 (at 4 × 25 the
 * cluster suite logged "too many clients already").
 */
const PERSISTENCE_CONNS = 6;
const VISIBILITY_CONNS = 2;

function configYaml(options: {
  postgres: URL;
  databases: { persistence: string; visibility: string };
  ports: Ports;
}): string {
  const { postgres, databases, ports } = options;
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: postgres12
        databaseName: ${database}
        connectAddr: "${postgres.hostname}:${postgres.port || 5432}"
        connectProtocol: tcp
        user: ${decodeURIComponent(postgres.username) || 'postgres'}
        password: "${decodeURIComponent(postgres.password)}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: 4
  datastores:
    default:${store(databases.persistence, PERSISTENCE_CONNS)}
    visibility:${store(databases.visibility, VISIBILITY_CONNS)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:
  frontend:${service(ports.frontend, ports.membership[0], ports.frontendHttp)}
  history:${service(ports.history, ports.membership[1])}
  matching:${service(ports.matching, ports.membership[2])}
  worker:${service(ports.worker, ports.membership[3])}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: noop
`;
}

export async function startTemporalCluster(options: {
  dataDir: string;
  /** The Postgres server (its databases are made fresh per run). */
  postgresUrl: string;
  namespace: string;
}) {
  const { server, sqlTool } = ensureServerBinaries(options.dataDir);
  const cliPath = await ensureTemporalCli(options.dataDir);
  const persistence = await freshDatabase(options.postgresUrl, 'temporal_cluster');
  const visibility = await freshDatabase(options.postgresUrl, 'temporal_visibility');
  const postgres = new URL(options.postgresUrl);
  const databases = {
    persistence: new URL(persistence.url).pathname.slice(1),
    visibility: new URL(visibility.url).pathname.slice(1),
  };

  // The schema tool, as an operator runs it: a versioned schema from 0.0 to the module's latest.
  const sqlArgs = (database: string) => [
    '--plugin',
    'postgres12',
    '--ep',
    postgres.hostname,
    '-p',
    postgres.port || '5432',
    '-u',
    decodeURIComponent(postgres.username) || 'postgres',
    ...(postgres.password ? ['--pw', decodeURIComponent(postgres.password)] : []),
    '--db',
    database,
  ];
  for (const [database, schema] of [
    [databases.persistence, 'temporal'],
    [databases.visibility, 'visibility'],
  ] as const) {
    await promisify(execFile)(sqlTool, [...sqlArgs(database), 'setup-schema', '-v', '0.0']);
    await promisify(execFile)(sqlTool, [
      ...sqlArgs(database),
      'update-schema',
      '-d',
      path.join(schemaDir(), schema, 'versioned'),
    ]);
  }

  const taken = new Set<number>();
  const port = () => findLowFreePort(taken);
  const ports: Ports = {
    frontend: await port(),
    frontendHttp: await port(),
    history: await port(),
    matching: await port(),
    worker: await port(),
    membership: [await port(), await port(), await port(), await port()],
  };
  const root = mkdtempSync(path.join(os.tmpdir(), 'herald-temporal-cluster-'));
  mkdirSync(path.join(root, 'config'));
  writeFileSync(
    path.join(root, 'config', 'cluster.yaml'),
    configYaml({ postgres, databases, ports }),
  );
  const address = `127.0.0.1:${ports.frontend}`;

  let child: ChildProcess | undefined;
  let output = '';
  const cli = async (args: string[]) =>
    (await promisify(execFile)(cliPath, [...args, '--address', address])).stdout;

  async function start(): Promise<void> {
    child = spawn(
      server,
      ['--root', root, '--config', 'config', '--env', 'cluster', '--allow-no-auth', 'start'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
    );
    child.stderr!.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
    );
    await pollUntil(
      'the Temporal server to serve',
      120_000,
      async () => {
        await cli(['operator', 'cluster', 'health']);
        return true;
      },
      500,
    ).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
    });
  }
  async function kill(signal: NodeJS.Signals): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  }

  const dropDatabases = async () => {
    await persistence.drop();
    await visibility.drop();
  };
  try {
    await start();
    // The namespace, as an operator makes it (the dev server makes its own; a cluster does not).
    await cli([
      'operator',
      'namespace',
      'create',
      '--namespace',
      options.namespace,
      '--retention',
      '1d',
    ]);
    await pollUntil(
      'the namespace to be served',
      60_000,
      async () => {
        await cli(['operator', 'namespace', 'describe', '--namespace', options.namespace]);
        return true;
      },
      500,
    );
  } catch (error) {
    await kill('SIGKILL');
    await dropDatabases();
    throw error;
  }

  return {
    address,
    cli,
    output: () => output,
    /** SIGKILL, then the same binary on the same databases. */
    async restart(): Promise<void> {
      await kill('SIGKILL');
      await start();
    },
    async stop(): Promise<void> {
      await kill('SIGTERM');
      await dropDatabases();
    },
  };
}

export type TemporalCluster = Awaited<ReturnType<typeof startTemporalCluster>>;
