/**
 * `npm run bench`: Herald's speed against the limits of its own parts, measured in one run.
 * Starts the stack as production runs it (API and worker as their own processes, embedded
 * Postgres, a Temporal dev server) and a local HTTPS receiver; prints a table and writes
 * bench/results/<timestamp>.json. BENCH_SOAK_SECONDS sets the failing-receiver soak (600),
 * BENCH_BACKLOG_EVENTS the backlog (10,000), BENCH_BATCH_EVENTS the batch ingest (10,000),
 * BENCH_RATES the offered ingest rates; BENCH_DATABASE_URL and BENCH_TEMPORAL_ADDRESS run it
 * against an external Postgres and Temporal instead of embedded ones (their CPU is then not
 * counted); BENCH_ALL_IN_ONE=true runs the API and the worker in one process, as `npm start`;
 * BENCH_FIRST_ATTEMPT sets HERALD_FIRST_ATTEMPT (`workflow`, the default, or `outbox`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStack } from '../test/support/stack';
import { bareHttpBaseline, temporalBaseline } from './baselines';
import { engineCostPerEvent } from './engineCost';
import {
  cpuMsPerEvent,
  endToEndLatency,
  ingestCall,
  platformWith,
  processes,
  stackCpuSeconds,
  waitForRequests,
} from './harness';
import { overloadAndEndurance } from './endurance';
import { closedLoop } from './load';
import { cpuSeconds, memoryMiB } from './resources';
import { progress, sleep } from './stats';

/** BENCH_QUICK=true: baselines, latency, throughput and engine cost only (a few minutes). */
const QUICK = process.env.BENCH_QUICK === 'true';

async function main(): Promise<void> {
  progress('starting Postgres, Temporal, API and worker processes, and the receiver');
  const stack = await startStack(
    {
      HERALD_DELIVERY_TIMEOUT: '5s',
      HERALD_RETRY_INITIAL_INTERVAL: '1s',
      HERALD_RETRY_BACKOFF: '2',
      HERALD_RETRY_MAX_INTERVAL: '10s',
      HERALD_FIRST_ATTEMPT: process.env.BENCH_FIRST_ATTEMPT ?? 'workflow',
    },
    {
      databaseUrl: process.env.BENCH_DATABASE_URL,
      temporalAddress: process.env.BENCH_TEMPORAL_ADDRESS,
      allInOne: process.env.BENCH_ALL_IN_ONE === 'true',
    },
  );
  const results: Record<string, unknown> = {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
  };
  try {
    const one = await platformWith(stack, 'bench-1', 1, '/one', 'flow.created');
    const five = await platformWith(stack, 'bench-5', 5, '/five', 'flow.updated');
    await sleep(3_000); // the worker process bundles its workflows at start

    progress('baseline (a): bare undici POSTs to the receiver');
    const bare = await bareHttpBaseline(stack.receiver.url('/bare'), 5_000, 32);
    progress('baseline (b): no-op workflow with one no-op activity on the same Temporal server');
    const engine = await temporalBaseline(stack.temporalAddress(), 2_000, 32, {
      serverPid: stack.temporalPid(),
    });
    progress('baseline (c): empty workflow, one workflow task, on the same Temporal server');
    const engineFloor = await temporalBaseline(stack.temporalAddress(), 2_000, 32, {
      workflowType: 'emptyWorkflow',
      serverPid: stack.temporalPid(),
    });
    results.baselines = { bareHttp: bare, temporalNoop: engine, temporalEmpty: engineFloor };

    progress('end-to-end latency at 20 events/s for 10 s');
    const endToEnd = await endToEndLatency(stack, one, '/one', {
      rate: 20,
      seconds: 10,
      idPrefix: 'e2e',
    });
    results.endToEndMs = endToEnd.latencyMs;

    for (const [label, platform, hookPath, type, events, fanout] of [
      ['1 destination', one, '/one', 'flow.created', 2_000, 1],
      ['5 destinations', five, '/five', 'flow.updated', 600, 5],
    ] as const) {
      progress(`sustained deliveries with ${label}: ${events} events`);
      const before = stack.receiver.requests(hookPath).length;
      const cpuBefore = stackCpuSeconds(stack);
      const startedAt = Date.now();
      await closedLoop(events, 32, () => ingestCall(stack, platform.ingest, type));
      await waitForRequests(stack, hookPath, before + events * fanout);
      const seconds = (Date.now() - startedAt) / 1000;
      results.deliveriesPerSecond ??= {} as Record<string, number>;
      (results.deliveriesPerSecond as Record<string, number>)[label] = Math.round(
        (events * fanout) / seconds,
      );
      results.cpuMsPerDeliveredEvent ??= {} as Record<string, unknown>;
      (results.cpuMsPerDeliveredEvent as Record<string, unknown>)[label] = cpuMsPerEvent(
        cpuBefore,
        stackCpuSeconds(stack),
        events,
      );
    }

    progress('engine cost of the end-to-end events (history read back from Temporal)');
    results.engineCostPerDeliveredEvent = await engineCostPerEvent(
      stack.temporalAddress(),
      endToEnd.eventIds.slice(0, 50).map((id) => `event:${one.id}:${id}`),
    );

    if (!QUICK) await overloadAndEndurance(stack, one, results);

    const pids = processes(stack);
    results.resources = Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [
        name,
        { cpuSeconds: cpuSeconds(pid), peakRssMiB: Math.round(memoryMiB(pid).peak) },
      ]),
    );
    const deliveries = results.deliveriesPerSecond as Record<string, number>;
    results.ratios = {
      deliveriesPerSecondOverBareHttp: deliveries['1 destination']! / bare.requestsPerSecond,
      deliveriesPerSecondOverTemporalNoop: deliveries['1 destination']! / engine.workflowsPerSecond,
      endToEndP50OverBareHttpP50: (results.endToEndMs as { p50: number }).p50 / bare.latencyMs.p50,
    };
  } finally {
    await stack.stop();
  }

  const outDir = path.resolve('bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  progress(`wrote ${outFile}`);
}

function printTable(results: Record<string, unknown>): void {
  const rows: Record<string, string | number> = {};
  const flatten = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value))
        flatten(prefix ? `${prefix}.${key}` : key, inner);
    } else if (!Array.isArray(value)) {
      rows[prefix] = typeof value === 'number' ? Math.round(value * 1000) / 1000 : String(value);
    }
  };
  flatten('', results);
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
