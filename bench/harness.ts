/** The bench's helpers: the stack's platforms, how a platform calls ingest, what it costs. */
import { Agent, request } from 'undici';
import { connectDatabase } from '../src/db/knex';
import { pollUntil } from '../src/runtime/poll';
import { createHeraldClient } from '../client/src';
import type { EventType } from '../src/events/catalog';
import { TEST_ROOT_TOKEN } from '../test/support/herald';
import type { Stack } from '../test/support/stack';
import { openLoop, type CallResult } from './load';
import { whereTheTimeWent } from './tail';
import { cpuSeconds } from './resources';
import { summary } from './stats';

/** A client gives up on an ingest answer after this long: a `timeout`, apart from 503/429. */
const CLIENT_DEADLINE_MS = 5_000;
/**
 * The platform's side: undici's `request`, without the WHATWG layers `fetch` adds on top of it,
 * so that at 1,000 calls a second the client takes as little of the shared cores as it can.
 */
const client = new Agent({ keepAliveTimeout: 10_000 });

export async function platformWith(
  stack: Stack,
  name: string,
  destinations: number,
  hookPath: string,
  type: EventType,
) {
  const root = createHeraldClient({ baseUrl: stack.apiUrl, token: TEST_ROOT_TOKEN });
  const { data: created, error } = await root.POST('/v1/platforms', { body: { name } });
  if (error) throw new Error(`platform not created: ${error.detail}`);
  const { admin, ingest } = created.apiKeys;
  const asAdmin = createHeraldClient({ baseUrl: stack.apiUrl, token: admin });
  for (let i = 0; i < destinations; i++) {
    await asAdmin.POST('/v1/event-destinations', {
      body: { url: stack.receiver.url(hookPath), events: [type] },
    });
  }
  return { id: created.platform.id, ingest };
}

/** One ingest call as a platform makes it, with a deadline; answers how it ended. */
export async function ingestCall(
  stack: Pick<Stack, 'apiUrl'>,
  ingestKey: string,
  type: string,
  id?: string,
): Promise<string> {
  const signal = AbortSignal.timeout(CLIENT_DEADLINE_MS);
  try {
    const response = await request(`${stack.apiUrl}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...(id ? { id } : {}), type, data: { bench: true } }),
      signal,
      dispatcher: client,
    });
    await response.body.dump();
    if (response.statusCode === 202) return 'accepted';
    if (response.statusCode === 503 || response.statusCode === 429) return 'refused';
    return `status ${response.statusCode}`;
  } catch {
    return signal.aborted ? 'timeout' : 'error';
  }
}

/** Each outcome's count, and the latency of the accepted and of the refused answers. */
export function outcomesOf(settled: CallResult[]) {
  const counts: Record<string, number> = {};
  for (const result of settled) counts[result.outcome] = (counts[result.outcome] ?? 0) + 1;
  const latency = (outcome: string) =>
    summary(settled.filter((r) => r.outcome === outcome).map((r) => r.latencyMs));
  return {
    counts,
    acceptedLatencyMs: latency('accepted'),
    refusedLatencyMs: latency('refused'),
    timeouts: counts.timeout ?? 0,
  };
}

/** CPU seconds so far of every process of the stack (Postgres with its backends). */
export function stackCpuSeconds(stack: Stack) {
  const parts = {
    api: cpuSeconds(stack.api.child.pid),
    // All in one process: its CPU is counted once, under `api`.
    worker: stack.worker === stack.api ? 0 : cpuSeconds(stack.worker.child.pid),
    temporal: cpuSeconds(stack.temporalPid()),
    postgres: cpuSeconds(stack.postgresPid()),
  };
  const total = Object.values(parts)
    .filter((value) => !Number.isNaN(value))
    .reduce((sum, value) => sum + value, 0);
  return { ...parts, total };
}

/** CPU milliseconds per delivered event between two snapshots, per process and in all. */
export function cpuMsPerEvent(
  before: ReturnType<typeof stackCpuSeconds>,
  after: ReturnType<typeof stackCpuSeconds>,
  events: number,
) {
  return Object.fromEntries(
    Object.keys(after).map((key) => {
      const part = key as keyof typeof after;
      return [key, Math.round(((after[part] - before[part]) * 1000 * 10) / events) / 10];
    }),
  );
}

export async function waitForRequests(
  stack: Stack,
  hookPath: string,
  count: number,
  timeoutMs = 600_000,
) {
  await pollUntil(
    `${count} requests at ${hookPath}`,
    timeoutMs,
    async () => stack.receiver.requests(hookPath).length >= count,
    20,
  );
}

/** Waits until no event is left unstarted and no delivery pending (overload leaves both). */
export async function waitForQuiet(stack: Stack): Promise<void> {
  const db = connectDatabase(stack.env.DATABASE_URL!);
  try {
    await pollUntil(
      'the stack to go quiet',
      1_800_000,
      async () => {
        const result: { rows: { count: string }[] } = await db.raw(
          `SELECT (SELECT count(*) FROM events WHERE workflow_started_at IS NULL)
              + (SELECT count(*) FROM deliveries WHERE status = 'pending') AS count`,
        );
        return Number(result.rows[0]?.count) === 0;
      },
      1_000,
    );
  } finally {
    await db.destroy();
  }
}

export function processes(stack: Stack) {
  return {
    api: stack.api.child.pid,
    worker: stack.worker.child.pid,
    temporal: stack.temporalPid(),
    postgres: stack.postgresPid(),
  };
}

/**
 * End-to-end latency, ingest call to the receiver's arrival, of `rate` events a second for
 * `seconds` from one platform whose destination is `hookPath`. Event ids start with `idPrefix`.
 */
export async function endToEndLatency(
  stack: Stack,
  platform: { ingest: string },
  hookPath: string,
  options: { rate: number; seconds: number; idPrefix: string },
) {
  const sentAt = new Map<string, number>();
  const startedAt = Date.now();
  const { settled } = await openLoop(options.rate, options.seconds, async (index) => {
    const id = `${options.idPrefix}-${index}`;
    sentAt.set(id, Date.now());
    return ingestCall(stack, platform.ingest, 'flow.created', id);
  });
  const arrivals = () =>
    new Map(
      stack.receiver
        .requests(hookPath)
        .map((request) => [request.headers['webhook-id'], request.receivedAt]),
    );
  // One pass over the receiver's requests per poll: the bench's main thread also stamps arrivals,
  // and a pass per event (hundreds of thousands of steps) delayed the last events' stamps.
  await pollUntil(`all ${options.idPrefix} events`, 120_000, async () => {
    const arrived = arrivals();
    return [...sentAt.keys()].every((id) => arrived.has(id));
  });
  const arrived = arrivals();
  const events = [...sentAt].map(([id, sent], index) => ({
    id,
    atMs: sent - startedAt,
    ingestMs: Math.round(settled[index]!.latencyMs),
    endToEndMs: arrived.get(id)! - sent,
  }));
  const slowest = [...events].sort((a, b) => b.endToEndMs - a.endToEndMs).slice(0, 10);
  return {
    /** Epoch ms: `atMs` counts from here, to line the tail up with other records of the run. */
    startedAt,
    eventIds: [...sentAt.keys()],
    latencyMs: summary(events.map((event) => event.endToEndMs)),
    // When the tail happened, and which stage was slow (tail.ts).
    slowest: await whereTheTimeWent(stack, slowest, sentAt),
  };
}
