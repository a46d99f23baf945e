/**
 * Bench load off the bench's main thread. The main thread serves the HTTPS receiver and stamps
 * when each event was sent and arrived; load sharing that event loop would delay both, and the
 * delay would be counted as Herald's latency.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Runs `filename` (a bench module) in a worker thread with `workerData`. */
export function benchThread(filename: string, workerData: unknown): Worker {
  // A worker thread starts without the main thread's TypeScript loader: it registers tsx first.
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(filename)});`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Where a bench process finds what `benchProcess` gave it. */
const PROCESS_DATA = 'HERALD_BENCH_PROCESS_DATA';

/**
 * Runs `filename` in a process of its own at the lowest CPU priority: load that stands for other
 * people's machines (a hostile tenant's client and hosts) then takes only the CPU that Herald's
 * processes and the measured tenant leave, as it would from elsewhere on the network.
 */
export function benchProcess(filename: string, data: unknown): ChildProcess {
  const child = fork(filename, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [PROCESS_DATA]: JSON.stringify(data) },
  });
  setPriority(child.pid!, 19);
  return child;
}

/** In a process `benchProcess` started: what it was given. */
export function benchProcessData(): unknown {
  const data = process.env[PROCESS_DATA];
  return data === undefined ? undefined : JSON.parse(data);
}

/** The next message `from` (a thread or a process) sends, or its error. */
export function nextMessage<T>(from: Worker | ChildProcess): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (error: Error) => {
      from.off('message', onMessage);
      reject(error);
    };
    const onMessage = (message: T) => {
      from.off('error', onError);
      resolve(message);
    };
    from.once('message', onMessage);
    from.once('error', onError);
  });
}
