/**
 * `npm run test:faults`: 1,000 events to 3 destinations under each fault, then checks that every
 * acknowledged event reached every destination. Prints one row per scenario; exits 1 on any loss.
 */
import { pollUntil } from '../../src/runtime/poll';
import { driveEvents, setUpPlatform, type IngestRecord } from './driver';
import { startStack, type Stack } from '../support/stack';

const EVENTS = Number(process.env.FAULT_EVENTS ?? 1000);
const DESTINATIONS = 3;
const FAULT_AT = Math.floor(EVENTS * 0.3);
const DELIVERY_DEADLINE_MS = 240_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Scenario {
  name: string;
  inject: (stack: Stack) => Promise<string | void>;
}

async function exitWithin(spawned: Stack['api'], limitMs: number): Promise<string> {
  const startedAt = Date.now();
  const code = await spawned.kill('SIGTERM');
  const took = Date.now() - startedAt;
  if (code !== 0 || took > limitMs) throw new Error(`SIGTERM: exit ${code} after ${took} ms`);
  return `${took} ms`;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'worker SIGKILL, restarted 2 s later',
    inject: async (stack) => {
      await stack.worker.kill('SIGKILL');
      await sleep(2_000);
      stack.worker = stack.startWorker();
    },
  },
  {
    name: 'API SIGKILL during ingest, restarted',
    inject: async (stack) => {
      await stack.api.kill('SIGKILL');
      await sleep(1_000);
      stack.api = await stack.startApi();
    },
  },
  {
    name: 'Temporal SIGKILL, restarted on its file',
    inject: async (stack) => {
      await stack.killTemporal();
      await sleep(2_000);
      await stack.restartTemporal();
    },
  },
  {
    name: 'Postgres restarted',
    inject: async (stack) => {
      await stack.stopPostgres();
      await sleep(2_000);
      await stack.startPostgres();
    },
  },
  {
    name: 'receiver down for 5 s',
    inject: async (stack) => {
      await stack.receiver.down();
      await sleep(5_000);
      await stack.receiver.up();
    },
  },
  {
    name: 'receiver slower than the timeout for 5 s',
    inject: async (stack) => {
      stack.receiver.setDelay(1_500);
      await sleep(5_000);
      stack.receiver.setDelay(0);
    },
  },
  {
    name: 'SIGTERM to API and worker under load',
    inject: async (stack) => {
      const [api, worker] = await Promise.all([
        exitWithin(stack.api, 30_000),
        exitWithin(stack.worker, 30_000),
      ]);
      stack.worker = stack.startWorker();
      stack.api = await stack.startApi();
      return `graceful exits: API ${api}, worker ${worker}`;
    },
  },
];

interface ScenarioResult {
  scenario: string;
  acked: number;
  lost: number;
  duplicates: number;
  worstDelayMs: number;
  runSeconds: number;
  note: string;
}

async function runScenario(
  stack: Stack,
  scenario: Scenario,
  index: number,
): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const prefix = `s${index}`;
  const { ingest, paths } = await setUpPlatform(stack.apiUrl, stack.receiver, prefix, DESTINATIONS);
  let injection: Promise<string | void> | undefined;
  const records = await driveEvents({
    apiUrl: () => stack.apiUrl,
    ingestKey: ingest,
    prefix,
    total: EVENTS,
    concurrency: 16,
    deadlineMs: 180_000,
    onAcked: (acked) => {
      if (acked === FAULT_AT) injection = scenario.inject(stack);
    },
  });
  const note = (await injection) ?? '';
  const acked = records.filter((record) => record.ackedAt !== undefined);

  const firstArrival = new Map<string, number>();
  let requests = 0;
  const missing = () => {
    firstArrival.clear();
    requests = 0;
    for (const request of stack.receiver.all()) {
      if (!request.path.startsWith(`/${prefix}/`)) continue;
      requests += 1;
      const key = `${request.path} ${request.headers['webhook-id']}`;
      if (!firstArrival.has(key)) firstArrival.set(key, request.receivedAt);
    }
    return acked.length * paths.length - firstArrival.size;
  };
  await pollUntil(
    'every acknowledged event at every destination',
    DELIVERY_DEADLINE_MS,
    async () => missing() === 0,
    500,
  ).catch(() => undefined);
  const lost = missing();
  return {
    scenario: scenario.name,
    acked: acked.length,
    lost,
    duplicates: requests - firstArrival.size,
    worstDelayMs: worstDelay(acked, paths, firstArrival),
    runSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
    note,
  };
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

async function main(): Promise<void> {
  const only = process.env.FAULT_SCENARIO;
  const stack = await startStack();
  const results: ScenarioResult[] = [];
  try {
    for (const [index, scenario] of SCENARIOS.entries()) {
      if (only && !scenario.name.includes(only)) continue;
      process.stderr.write(
        `[faults] ${scenario.name}: ${EVENTS} events to ${DESTINATIONS} destinations\n`,
      );
      results.push(await runScenario(stack, scenario, index));
      process.stderr.write(`[faults]   ${JSON.stringify(results[results.length - 1])}\n`);
    }
  } finally {
    await stack.stop();
  }
  console.table(results);
  const lost = results.reduce((sum, result) => sum + result.lost, 0);
  console.log(
    `${results.length - results.filter((r) => r.lost > 0).length} passed, ${results.filter((r) => r.lost > 0).length} failed`,
  );
  if (lost > 0 || results.some((result) => result.acked < EVENTS)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
