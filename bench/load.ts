import { sleep } from './stats';

/** How one call ended: a label (accepted, refused, timeout…) and how long it took. */
export interface CallResult {
  outcome: string;
  latencyMs: number;
}

/**
 * Open loop: starts one call every 1000/rate ms for `seconds`, whatever the previous ones are
 * doing, so a slow server shows up as latency and errors rather than as a lower offered rate.
 */
export async function openLoop(
  rate: number,
  seconds: number,
  call: (index: number) => Promise<string>,
) {
  const total = Math.round(rate * seconds);
  const startedAt = performance.now();
  const results: Promise<CallResult>[] = [];
  for (let index = 0; index < total; index++) {
    const due = startedAt + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const sentAt = performance.now();
    results.push(
      call(index).then(
        (outcome) => ({ outcome, latencyMs: performance.now() - sentAt }),
        () => ({ outcome: 'error', latencyMs: performance.now() - sentAt }),
      ),
    );
  }
  const settled = await Promise.all(results);
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return { settled, achievedRate: total / elapsedSeconds };
}

/** Closed loop: `concurrency` lanes call back to back until `total` calls are done. */
export async function closedLoop(
  total: number,
  concurrency: number,
  call: (index: number) => Promise<unknown>,
) {
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await call(next++);
    }),
  );
  return (performance.now() - startedAt) / 1000;
}
