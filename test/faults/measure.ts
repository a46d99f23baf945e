/**
 * One fault scenario, measured: 1,000 events (half without an id) to 3 destinations while the
 * fault is injected, then whether every acknowledged event reached every destination and
 * whether Postgres ends with every delivery succeeded and none pending. Shared by the fault
 * suite (the dev server) and the cluster test (a real Temporal server, two APIs, two workers).
 */
import { connectDatabase } from '../../src/db/knex';
import { pollUntil } from '../../src/runtime/poll';
import type { Receiver } from '../support/receiver';
import { driveEvents, setUpPlatform, type IngestRecord } from './driver';
import { readEndState, type EndState } from './endState';
import type { Scenario, ScenarioContext } from './scenarios';

export const EVENTS = Number(process.env.FAULT_EVENTS ?? 1000);
export const DESTINATIONS = 3;
const FAULT_AT = Math.floor(EVENTS * 0.3);
const DELIVERY_DEADLINE_MS = 240_000;

/** What a scenario runs against: where events go in, and where they are seen to arrive. */
export interface FaultTarget {
  receiver: Receiver;
  databaseUrl: string;
  /** An API to call, picked per call (the cluster test spreads calls over its replicas). */
  apiUrl: () => string;
}

export interface ScenarioResult extends EndState {
  scenario: string;
  acked: number;
  lost: number;
  duplicates: number;
  worstDelayMs: number;
  runSeconds: number;
  note: string;
}

/** First arrival per (destination path, event id), and all requests, of one scenario. */
function arrivals(receiver: Receiver, prefix: string) {
  const first = new Map<string, number>();
  let requests = 0;
  for (const request of receiver.all()) {
    if (!request.path.startsWith(`/${prefix}/`)) continue;
    requests += 1;
    const key = `${request.path} ${request.headers['webhook-id']}`;
    if (!first.has(key)) first.set(key, request.receivedAt);
  }
  return { first, requests };
}

export async function runScenario<T>(
  target: FaultTarget,
  stack: T,
  scenario: Scenario<T>,
  index: number,
): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const prefix = `s${index}`;
  const db = connectDatabase(target.databaseUrl);
  try {
    const platform = await setUpPlatform(target.apiUrl(), target.receiver, prefix, DESTINATIONS);
    const context: ScenarioContext<T> = { stack, db, prefix, platform };
    let injection: Promise<string | void> | undefined;
    const records = await driveEvents({
      apiUrl: target.apiUrl,
      ingestKey: platform.ingest,
      prefix,
      total: EVENTS,
      concurrency: 16,
      deadlineMs: 180_000,
      onAcked: (acked) => {
        if (acked === FAULT_AT) injection = scenario.inject?.(context);
      },
    });
    const notes = [(await injection) ?? ''];
    const acked = records.filter((record) => record.ackedAt !== undefined);
    const ackedIds = new Set(acked.map((record) => record.id!));
    const expected = acked.length * platform.paths.length;
    // Only acknowledged events count: an id-less retry's extra event is the client's doing.
    const ackedArrivals = () => {
      const { first } = arrivals(target.receiver, prefix);
      return [...first.keys()].filter((key) => ackedIds.has(key.split(' ')[1]!)).length;
    };
    const ackedRequests = () =>
      target.receiver
        .all()
        .filter(
          (request) =>
            request.path.startsWith(`/${prefix}/`) && ackedIds.has(request.headers['webhook-id']!),
        ).length;
    const allArrived = () =>
      pollUntil(
        'every acknowledged event at every destination',
        DELIVERY_DEADLINE_MS,
        async () => ackedArrivals() === expected,
        500,
      ).catch(() => undefined);
    await allArrived();
    let extraArrivals = 0;
    if (scenario.afterDelivered) {
      const after = await scenario.afterDelivered(context);
      notes.push(after.note);
      extraArrivals = after.extraArrivals;
      // A redelivery answered 202 reopens its delivery inside its workflow, a moment later: until
      // its request arrives the end state below still reads the old `succeeded`.
      await pollUntil(
        'every extra arrival the scenario caused',
        DELIVERY_DEADLINE_MS,
        async () => ackedRequests() >= expected + extraArrivals,
        500,
      ).catch(() => undefined);
    }
    const endState = await readEndState(
      db,
      platform.platformId,
      [...ackedIds],
      DELIVERY_DEADLINE_MS,
    );
    const { first, requests } = arrivals(target.receiver, prefix);
    const requested = ackedRequests();
    // Extra sends the scenario asked for (redeliveries) that never came count as lost too.
    const extrasMissing = Math.max(0, expected + extraArrivals - requested);
    return {
      scenario: scenario.name,
      acked: acked.length,
      lost: expected - ackedArrivals() + extrasMissing,
      duplicates: Math.max(0, requested - ackedArrivals() - extraArrivals),
      ...endState,
      worstDelayMs: worstDelay(acked, platform.paths, first),
      runSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
      note: [...notes, `${requests} requests`].filter(Boolean).join('; '),
    };
  } finally {
    await db.destroy();
  }
}

function worstDelay(
  acked: IngestRecord[],
  paths: string[],
  firstArrival: Map<string, number>,
): number {
  let worst = 0;
  for (const record of acked) {
    for (const hookPath of paths) {
      const arrival = firstArrival.get(`${hookPath} ${record.id}`);
      if (arrival !== undefined) worst = Math.max(worst, arrival - record.firstSentAt);
    }
  }
  return worst;
}

/** Loss and unfinished deliveries fail the run; duplicates and retries are reported beside it. */
export function failures<T>(result: ScenarioResult, scenario: Scenario<T>): string[] {
  const found: string[] = [];
  if (result.acked < EVENTS) found.push(`${EVENTS - result.acked} events never acknowledged`);
  if (result.lost > 0) found.push(`${result.lost} lost`);
  if (result.leftPending > 0) found.push(`${result.leftPending} left pending`);
  if (result.notSucceeded > 0) found.push(`${result.notSucceeded} not succeeded`);
  if (result.duplicates > 0 && !scenario.duplicatesExpected)
    process.stderr.write(`[faults]   warning: ${result.duplicates} duplicates\n`);
  if (result.retried > 0 && !scenario.retriesExpected)
    process.stderr.write(`[faults]   warning: ${result.retried} deliveries retried\n`);
  return found;
}
