/** The ingest ladder's client in a thread of its own (see threads.ts for why). */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ingestCall } from './harness';
import { openLoop, type CallResult } from './load';
import { benchThread, nextMessage } from './threads';

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
  const worker = benchThread(__filename, { ingestLoad: load });
  try {
    return await nextMessage<LoadResult>(worker);
  } finally {
    await worker.terminate();
  }
}
