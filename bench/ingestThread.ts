/**
 * The ingest ladder's client in a thread of its own. The bench's main thread also serves the
 * HTTPS receiver; sharing its event loop, every delivery would delay the client's sends and its
 * reading of answers, and the delay would be counted as Herald's ingest latency.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ingestCall } from './harness';
import { openLoop, type CallResult } from './load';

interface IngestLoad {
  apiUrl: string;
  ingestKey: string;
  type: string;
  rate: number;
  seconds: number;
}

type LoadResult = { settled: CallResult[]; achievedRate: number };

const load = isMainThread
  ? undefined
  : (workerData as { ingestLoad?: IngestLoad } | null)?.ingestLoad;
if (load) {
  void openLoop(load.rate, load.seconds, () =>
    ingestCall({ apiUrl: load.apiUrl }, load.ingestKey, load.type),
  ).then((result) => parentPort!.postMessage(result));
}

/** `openLoop` of ingest calls, run in a worker thread. */
export async function openLoopIngest(load: IngestLoad): Promise<LoadResult> {
  // A worker thread starts without the main thread's TypeScript loader: it registers tsx first.
  const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(__filename)});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { ingestLoad: load } });
  try {
    return await new Promise<LoadResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}
