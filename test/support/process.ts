import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The npm script that starts each mode: a spawned process runs its command line, flags included. */
const START_SCRIPTS = { api: 'start:api', worker: 'start:worker', all: 'start' } as const;

function nodeArguments(mode: keyof typeof START_SCRIPTS): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = scripts[START_SCRIPTS[mode]]!.split(' ');
  if (command !== 'node') throw new Error(`npm run ${START_SCRIPTS[mode]} does not run node`);
  return args;
}

/** Runs `src/main.ts <mode>` as its own process, as production does, keeping its output for failures. */
export function spawnHerald(mode: keyof typeof START_SCRIPTS, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, nodeArguments(mode), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    exited,
    output: () => output,
    kill: async (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
