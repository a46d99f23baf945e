/**
 * Bench load in threads of their own. The bench's main thread serves the HTTPS receiver and
 * stamps when each event was sent and arrived; load sharing that event loop would delay both,
 * and the delay would be counted as Herald's latency.
 */
import { Worker } from 'node:worker_threads';

/** Runs `filename` (a bench module) in a worker thread with `workerData`. */
export function benchThread(filename: string, workerData: unknown): Worker {
  // A worker thread starts without the main thread's TypeScript loader: it registers tsx first.
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(filename)});`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** The next message `worker` posts, or its error. */
export function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (message: T) => {
      worker.off('error', onError);
      resolve(message);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}
