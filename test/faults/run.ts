/**
 * `npm run test:faults`: 1,000 events (half without an id) to 3 destinations under each fault,
 * then checks that every acknowledged event reached every destination and that Postgres ends
 * with every delivery succeeded and none pending. Prints one row per scenario; exits 1 on any
 * loss or delivery left unfinished.
 */
import { connectDatabase } from '../../src/db/knex';
import { pollUntil } from '../../src/runtime/poll';
import { startStack, type Stack } from '../support/stack';
import { driveEvents, setUpPlatform, type IngestRecord } from './driver';
import { readEndState, type EndState } from './endState';
import { SCENARIOS, type Scenario, type ScenarioContext } from './scenarios';

const EVENTS = Number(process.env.FAULT_EVENTS ?? 1000);
const DESTINATIONS = 3;
const FAULT_AT = Math.floor(EVENTS * 0.3);
const DELIVERY_DEADLINE_MS = 240_000;

interface ScenarioResult extends EndState {
  scenario: string;
  acked: number;
  lost: number;
  duplicates: number;
  worstDelayMs: number;
  runSeconds: number;
  note: string;
}

/** First arrival per (destination path, event id), and all requests, of one scenario. */
function arrivals(stack: Stack, prefix: string) {
  const first = new Map<string, number>();
  let requests = 0;
  for (const request of stack.receiver.all()) {
    if (!request.path.startsWith(`/${prefix}/`)) continue;
    requests += 1;
    const key = `${request.path} ${request.headers['webhook-id']}`;
    if (!first.has(key)) first.set(key, request.receivedAt);
  }
  return { first, requests };
}

async function runScenario(
  stack: Stack,
  scenario: Scenario,
  index: number,
): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const prefix = `s${index}`;
  const db = connectDatabase(stack.env.DATABASE_URL!);
  try {
    const platform = await setUpPlatform(stack.apiUrl, stack.receiver, prefix, DESTINATIONS);
    const context: ScenarioContext = { stack, db, prefix, platform };
    let injection: Promise<string | void> | undefined;
    const records = await driveEvents({
      apiUrl: () => stack.apiUrl,
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
      const { first } = arrivals(stack, prefix);
      return [...first.keys()].filter((key) => ackedIds.has(key.split(' ')[1]!)).length;
    };
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
    }
    const endState = await readEndState(
      db,
      platform.platformId,
      [...ackedIds],
      DELIVERY_DEADLINE_MS,
    );
    const { first, requests } = arrivals(stack, prefix);
    const ackedRequests = stack.receiver
      .all()
      .filter(
        (request) =>
          request.path.startsWith(`/${prefix}/`) && ackedIds.has(request.headers['webhook-id']!),
      ).length;
    return {
      scenario: scenario.name,
      acked: acked.length,
      lost: expected - ackedArrivals(),
      duplicates: ackedRequests - ackedArrivals() - extraArrivals,
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
function failures(result: ScenarioResult, scenario: Scenario): string[] {
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

async function main(): Promise<void> {
  const only = process.env.FAULT_SCENARIO;
  const stack = await startStack();
  const results: ScenarioResult[] = [];
  const failed: string[] = [];
  try {
    for (const [index, scenario] of SCENARIOS.entries()) {
      if (only && !scenario.name.includes(only)) continue;
      process.stderr.write(
        `[faults] ${scenario.name}: ${EVENTS} events to ${DESTINATIONS} destinations\n`,
      );
      const result = await runScenario(stack, scenario, index).catch((error: unknown) => {
        failed.push(`${scenario.name}: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      if (!result) continue;
      results.push(result);
      process.stderr.write(`[faults]   ${JSON.stringify(result)}\n`);
      const found = failures(result, scenario);
      if (found.length > 0) {
        failed.push(`${scenario.name}: ${found.join(', ')}`);
        // What the processes said is the first thing to read when a scenario fails.
        for (const [part, spawned] of [
          ['API', stack.api],
          ['worker', stack.worker],
        ] as const)
          process.stderr.write(
            `[faults]   ${part} output (end):\n${spawned.output().slice(-3_000)}\n`,
          );
      }
    }
  } finally {
    await stack.stop();
  }
  console.table(results);
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  for (const failure of failed) console.log(`FAILED ${failure}`);
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
