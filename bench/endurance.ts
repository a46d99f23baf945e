/**
 * The bench's long phases: a wide fan-out, the ingest ladder up to overload, batch ingest, a
 * backlog held while the receiver is down, and the failing-receiver soak.
 */
import { pollUntil } from '../src/runtime/poll';
import type { Stack } from '../test/support/stack';
import { ingestCall, outcomesOf, platformWith, waitForQuiet, waitForRequests } from './harness';
import { openLoopIngest } from './ingestThread';
import { closedLoop, openLoop } from './load';
import { memoryMiB } from './resources';
import { progress, sleep } from './stats';

const RATES = (process.env.BENCH_RATES ?? '50,100,200,500,1000').split(',').map(Number);
const RATE_SECONDS = 10;
const PAUSED_RATE = 200;
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const BACKLOG_EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 10_000);
const BATCH_EVENTS = Number(process.env.BENCH_BATCH_EVENTS ?? 10_000);

export async function overloadAndEndurance(
  stack: Stack,
  one: { id: string; ingest: string },
  results: Record<string, unknown>,
): Promise<void> {
  progress('one event to 500 destinations');
  const wide = await platformWith(stack, 'bench-500', 500, '/wide', 'user.signed.in');
  const wideStart = Date.now();
  await ingestCall(stack, wide.ingest, 'user.signed.in');
  await waitForRequests(stack, '/wide', 500);
  results.fanout500 = {
    lastDeliveryMs:
      Math.max(...stack.receiver.requests('/wide').map((r) => r.receivedAt)) - wideStart,
  };

  // Overload comes after the latency and throughput runs, so its backlog cannot colour them.
  const ingestByRate: Record<string, unknown> = {};
  let highestCleanRate = 0;
  for (const rate of RATES) {
    progress(`ingest at ${rate} events/s for ${RATE_SECONDS} s`);
    const step = await ingestStep(stack, one, rate);
    ingestByRate[rate] = step.answers;
    if (step.allAccepted && step.answers.achievedRate >= rate * 0.95) highestCleanRate = rate;
  }
  results.ingestByOfferedRate = ingestByRate;
  results.highestRateWithoutErrors = highestCleanRate;
  results.ingestWithDeliveryPaused = await ingestWithDeliveryPaused(stack, one);

  progress(`batch ingest: ${BATCH_EVENTS} events, 100 per request, 4 requests at a time`);
  const batchPlatform = await platformWith(stack, 'bench-batch', 0, '/none', 'flow.deleted');
  const batchBody = JSON.stringify({
    events: Array.from({ length: 100 }, () => ({ type: 'flow.deleted', data: { bench: true } })),
  });
  let batchAccepted = 0;
  const batchSeconds = await closedLoop(Math.ceil(BATCH_EVENTS / 100), 4, async () => {
    const response = await fetch(`${stack.apiUrl}/v1/events/batch`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${batchPlatform.ingest}`,
        'content-type': 'application/json',
      },
      body: batchBody,
    });
    const answer = (await response.json()) as { results?: { status: string }[] };
    batchAccepted += (answer.results ?? []).filter((r) => r.status === 'accepted').length;
  });
  results.batchIngest = {
    events: BATCH_EVENTS,
    accepted: batchAccepted,
    acceptedPerSecond: Math.round(batchAccepted / batchSeconds),
  };

  await waitForQuiet(stack);

  progress(`backlog: ${BACKLOG_EVENTS} events while the receiver is down, then drained`);
  const backlog = await platformWith(stack, 'bench-backlog', 1, '/backlog', 'folder.created');
  await stack.receiver.down();
  let backlogAccepted = 0;
  const backlogIngest = await closedLoop(BACKLOG_EVENTS, 32, async () => {
    if ((await ingestCall(stack, backlog.ingest, 'folder.created')) === 'accepted') {
      backlogAccepted++;
    }
  });
  // Waiting for events that were refused would wait out the whole poll.
  if (backlogAccepted < BACKLOG_EVENTS) {
    throw new Error(`the backlog's ingest accepted ${backlogAccepted} of ${BACKLOG_EVENTS}`);
  }
  await sleep(5_000);
  const drainStart = Date.now();
  await stack.receiver.up();
  await pollUntil(
    'the backlog to drain',
    1_800_000,
    async () => {
      const ids = new Set(
        stack.receiver.requests('/backlog').map((request) => request.headers['webhook-id']),
      );
      return ids.size >= BACKLOG_EVENTS;
    },
    200,
  );
  results.backlog = {
    events: BACKLOG_EVENTS,
    ingestSeconds: Math.round(backlogIngest),
    drainSeconds: Math.round((Date.now() - drainStart) / 1000),
    peakRssMiB: {
      worker: memoryMiB(stack.worker.child.pid).peak,
      api: memoryMiB(stack.api.child.pid).peak,
    },
  };

  progress(`soak: ${SOAK_SECONDS} s of 20 events/s to a failing receiver`);
  const failing = await platformWith(stack, 'bench-failing', 1, '/failing', 'connection.deleted');
  stack.receiver.script(
    '/failing',
    Array.from({ length: 1_000_000 }, () => ({ status: 500 })),
  );
  const rssSamples: { second: number; worker: number; api: number }[] = [];
  const soakStart = Date.now();
  const sampler = setInterval(
    () => {
      rssSamples.push({
        second: Math.round((Date.now() - soakStart) / 1000),
        worker: Math.round(memoryMiB(stack.worker.child.pid).rss),
        api: Math.round(memoryMiB(stack.api.child.pid).rss),
      });
    },
    Math.max(1_000, (SOAK_SECONDS * 1000) / 20),
  );
  await openLoop(20, SOAK_SECONDS, () => ingestCall(stack, failing.ingest, 'connection.deleted'));
  clearInterval(sampler);
  results.soak = { seconds: SOAK_SECONDS, rssMiB: rssSamples };
}

/**
 * The same open loop with the worker and the Temporal server stopped (SIGSTOP) for its length:
 * what the API answers when it has the cores to itself. Beside the ladder above, where every
 * process shares two cores with the deliveries, this separates Herald's ingest path from the
 * machine's contention. The outbox starts the paused events once both continue.
 */
async function ingestWithDeliveryPaused(stack: Stack, one: { ingest: string }) {
  const paused = [stack.worker.child.pid, stack.temporalPid()].filter(
    (pid): pid is number => pid !== undefined && pid !== stack.api.child.pid,
  );
  if (paused.length < 2)
    return 'not measured: the worker shares the API process, or Temporal is external';
  progress(`ingest at ${PAUSED_RATE} events/s for ${RATE_SECONDS} s, worker and Temporal paused`);
  const step = await ingestStep(stack, one, PAUSED_RATE, paused);
  return { offeredRate: PAUSED_RATE, ...step.answers };
}

/**
 * One step of the ladder: `rate` ingest calls a second for RATE_SECONDS, with the processes in
 * `pausedPids` stopped while they are made; then a wait until every 202'd event has arrived.
 */
async function ingestStep(
  stack: Stack,
  one: { ingest: string },
  rate: number,
  pausedPids: number[] = [],
) {
  const before = stack.receiver.requests('/one').length;
  pausedPids.forEach((pid) => process.kill(pid, 'SIGSTOP'));
  let load;
  try {
    load = await openLoopIngest({
      apiUrl: stack.apiUrl,
      ingestKey: one.ingest,
      type: 'flow.created',
      rate,
      seconds: RATE_SECONDS,
    });
  } finally {
    pausedPids.forEach((pid) => process.kill(pid, 'SIGCONT'));
  }
  const outcomes = outcomesOf(load.settled);
  const accepted = outcomes.counts.accepted ?? 0;
  await waitForRequests(stack, '/one', before + accepted);
  return {
    answers: { ...outcomes, achievedRate: Math.round(load.achievedRate) },
    allAccepted: accepted === load.settled.length,
  };
}
