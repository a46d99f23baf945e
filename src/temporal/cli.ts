import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The newest Temporal CLI release whose module builds with `go install pkg@version`. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
const GO_FALLBACK_LOCATIONS = ['/usr/local/go/bin/go'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, command))) return path.join(dir, command);
  }
  return undefined;
}

export function bundledCliPath(dataDir: string): string {
  return path.resolve(dataDir, 'bin', 'temporal');
}

/** `temporal` on PATH first, then the one built into the data directory. */
export function locateTemporalCli(dataDir: string): string | undefined {
  const candidates = [findOnPath('temporal'), bundledCliPath(dataDir)];
  return candidates.find((candidate) => candidate !== undefined && isExecutable(candidate));
}

export function locateGo(): string | undefined {
  return findOnPath('go') ?? GO_FALLBACK_LOCATIONS.find(isExecutable);
}

export const MISSING_CLI_HELP = [
  'Herald needs the Temporal CLI (it contains the Temporal dev server and Web UI).',
  'Neither `temporal` on PATH nor Go to build it was found. Do one of:',
  '  - install Go 1.22+ (https://go.dev/dl) and run `npm run setup:temporal`, or',
  '  - install the Temporal CLI (https://docs.temporal.io/cli) so that `temporal` is on PATH, or',
  '  - point TEMPORAL_ADDRESS at a running Temporal server.',
].join('\n');

/** Finds the CLI or builds it from Go modules into `<dataDir>/bin`, printing progress. */
export async function ensureTemporalCli(
  dataDir: string,
  log: (line: string) => void = (line) => console.log(line),
): Promise<string> {
  const existing = locateTemporalCli(dataDir);
  if (existing) return existing;
  const go = locateGo();
  if (!go) throw new Error(MISSING_CLI_HELP);

  const binDir = path.dirname(bundledCliPath(dataDir));
  mkdirSync(binDir, { recursive: true });
  log(`Building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${binDir}.`);
  log(
    'The first build downloads modules and compiles for several minutes; later builds hit the Go cache.',
  );
  const startedAt = Date.now();
  const heartbeat = setInterval(
    () =>
      log(`  still building the Temporal CLI (${Math.round((Date.now() - startedAt) / 1000)}s)`),
    20_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const build = spawn(go, ['install', TEMPORAL_CLI_MODULE], {
        env: { ...process.env, CGO_ENABLED: '0', GOBIN: binDir },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      build.on('error', reject);
      build.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install exited with code ${code}`)),
      );
    });
  } finally {
    clearInterval(heartbeat);
  }
  log(`Temporal CLI built in ${Math.round((Date.now() - startedAt) / 1000)}s.`);
  return bundledCliPath(dataDir);
}
