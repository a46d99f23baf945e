/**
 * `npm run bench:fairness`: does one hostile tenant slow another down? Tenant B sends 20 events/s
 * (BENCH_FAIRNESS_RATE) to a healthy receiver, first with tenant A idle, then while A points 24
 * destinations (four origins) at hosts that accept and never answer and calls the test endpoint
 * against a hanging host at its whole admin rate limit: once sending 1 event/s to those
 * destinations, once 10 (240 hanging attempts offered a second). Tenant A and its hosts run in a
 * process of their own at the lowest CPU priority (hostileTenant.ts), B's client and receiver in
 * the main thread; B keeps sending while A's attempts pile up. Prints B's end-to-end latency each
 * time and its p99 over B's p99 alone (issue 13: within 2×), B's ten slowest events (when, and
 * where their time went: bench/tail.ts), plus what A's calls and hosts got; writes
 * bench/results/fairness-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startStack } from '../test/support/stack';
import { endToEndLatency, platformWith } from './harness';
import { startHostileTenant } from './hostileTenant';
import { progress, sleep } from './stats';

const SECONDS = Number(process.env.BENCH_FAIRNESS_SECONDS ?? 30);
/** Tenant B's events a second; the 20 is close to what the dev server takes on 2 cores. */
const B_RATE = Number(process.env.BENCH_FAIRNESS_RATE ?? 20);
const ADMIN_RATE = 50;

async function main(): Promise<void> {
  progress('starting the stack (API and worker processes) and four hanging hosts');
  // The production defaults for the attempt limit and retry policy (the stack's are for tests).
  const stack = await startStack({
    HERALD_DELIVERY_TIMEOUT: '15s',
    HERALD_RETRY_INITIAL_INTERVAL: '5s',
    HERALD_RETRY_BACKOFF: '5',
    HERALD_RETRY_MAX_INTERVAL: '6h',
    HERALD_RATE_LIMIT_ADMIN: String(ADMIN_RATE),
  });
  const hostile = await startHostileTenant({ apiUrl: stack.apiUrl, adminRate: ADMIN_RATE });
  const results: Record<string, unknown> = { seconds: SECONDS, tenantBEventsPerSecond: B_RATE };
  try {
    const healthy = await platformWith(stack, 'healthy', 1, '/healthy', 'flow.created');
    await sleep(3_000); // the worker process bundles its workflows at start
    progress('warm-up: tenant B for 15 s, not measured');
    await endToEndLatency(stack, healthy, '/healthy', {
      rate: B_RATE,
      seconds: 15,
      idPrefix: 'warm-up',
    });

    progress(`tenant B alone: ${B_RATE} events/s for ${SECONDS} s`);
    const idle = await endToEndLatency(stack, healthy, '/healthy', {
      rate: B_RATE,
      seconds: SECONDS,
      idPrefix: 'idle',
    });

    const besideHostile = async (label: string, hostileEventsPerSecond: number) => {
      progress(
        `tenant B beside tenant A (${hostileEventsPerSecond} events/s to 24 hanging destinations, tests at ${ADMIN_RATE}/s), ${SECONDS} s`,
      );
      const tenantA = hostile.run({
        eventsPerSecond: hostileEventsPerSecond,
        seconds: SECONDS + 10,
      });
      // A's attempts pile up first; B keeps sending meanwhile (not measured), steady as in the
      // issue, rather than starting again from idle when the measurement does.
      await endToEndLatency(stack, healthy, '/healthy', {
        rate: B_RATE,
        seconds: 10,
        idPrefix: `${label}-pile-up`,
      });
      const beside = await endToEndLatency(stack, healthy, '/healthy', {
        rate: B_RATE,
        seconds: SECONDS,
        idPrefix: label,
      });
      return {
        tenantBStartedAt: beside.startedAt,
        tenantBMs: beside.latencyMs,
        tenantBSlowest: beside.slowest,
        p99OverAlone: beside.latencyMs.p99 / idle.latencyMs.p99,
        tenantA: await tenantA,
      };
    };
    results.tenantBAloneStartedAt = idle.startedAt;
    results.tenantBAloneMs = idle.latencyMs;
    results.tenantBAloneSlowest = idle.slowest;
    // A at its admin rate limit, plus a trickle of events to its hanging destinations (issue 13).
    results.atAdminRateLimit = await besideHostile('admin-limit', 1);
    // The same with ten times the events: 240 hanging attempts offered a second.
    results.heavy = await besideHostile('heavy', 10);
  } finally {
    await hostile.stop();
    await stack.stop();
  }
  const outDir = path.resolve('bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(
    outDir,
    `fairness-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  progress(`wrote ${outFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
