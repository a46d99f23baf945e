import { spawn } from 'node:child_process';
import { progress } from './stats';

/**
 * Runs the quick bench (BENCH_QUICK) as a child process with `env` added, and answers its exit
 * status. Asynchronously: a synchronous spawn would stop this process from reading the output
 * of the services it started for the run (a collector, a Temporal server), whose writes then
 * block once their pipes fill.
 */
export function runQuickBench(label: string, env: Record<string, string>): Promise<number> {
  progress(`quick bench ${label}`);
  const run = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
    env: { ...process.env, BENCH_QUICK: 'true', ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve) => run.once('exit', (code) => resolve(code ?? 1)));
}
