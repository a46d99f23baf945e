import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { pollUntil } from '../runtime/poll';
import { devServerSearchAttributeFlags } from './searchAttributes';

export interface DevServerOptions {
  cliPath: string;
  dataDir: string;
  port: number;
  /** Web UI port; `undefined` runs headless. */
  uiPort?: number;
  namespace: string;
  /** How long to wait for the frontend to answer; a loaded 2-core box needs more than 5 s. */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  /** The server process itself (not its watchdog shell), for resource measurements. */
  pid: () => number | undefined;
  uiUrl?: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: for fault-injection tests. */
  kill(): Promise<void>;
}

/**
 * `sh` runs the server in the background and kills it when its own stdin closes. Node holds the
 * other end of that pipe, and the kernel closes it however Node exits — SIGKILL included — so the
 * server can never outlive the process that started it.
 */
const WATCHDOG_SCRIPT =
  'exec 3<&0; "$0" "$@" </dev/null & server=$!; ' +
  '(cat <&3 >/dev/null; kill -TERM $server 2>/dev/null) & exec 3<&-; wait $server';

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { cliPath, dataDir, port, uiPort, namespace, log = () => undefined } = options;
  mkdirSync(dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.resolve(dataDir, 'temporal.db'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=NORMAL',
    '--log-level',
    'error',
    ...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]),
    ...devServerSearchAttributeFlags(),
  ];
  const child = spawn('sh', ['-c', WATCHDOG_SCRIPT, cliPath, ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  });
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trimEnd()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const address = `127.0.0.1:${port}`;
  try {
    const ready = pollUntil(
      `Temporal dev server at ${address}`,
      options.readyTimeoutMs ?? 60_000,
      async () => {
        const connection = await Connection.connect({ address, connectTimeout: 1_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace });
          return true;
        } finally {
          await connection.close();
        }
      },
    );
    const died = exited.then((code) => {
      throw new Error(`temporal server start-dev exited early with code ${code}`);
    });
    await Promise.race([ready, died]);
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  }
  return {
    address,
    uiUrl: uiPort === undefined ? undefined : `http://localhost:${uiPort}`,
    pid: () => serverPid(child.pid),
    stop: () => stopChild(child, exited),
    kill: async () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
  ]);
  if (!stopped && child.pid !== undefined) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

/** The watchdog shell's child that runs `temporal`: read from /proc, so Linux only. */
function serverPid(shellPid: number | undefined): number | undefined {
  if (shellPid === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8')
      .trim()
      .split(/\s+/);
    return children
      .map(Number)
      .find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start-dev'));
  } catch {
    return undefined;
  }
}
