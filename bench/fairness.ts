/**
 * `npm run bench:fairness`: does one hostile tenant slow another down? Tenant B sends 20 events/s
 * to a healthy receiver, first with tenant A idle, then while A points 24 destinations (four
 * origins) at hosts that accept and never answer, ingests 10 events/s to them (240 hanging
 * attempts a second) and calls the test endpoint against a hanging host at its whole admin rate
 * limit. Prints B's end-to-end latency both times and their ratio (issue 13: p99 within 2×), plus
 * what A's calls got; writes bench/results/fairness-<timestamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { apiClient, TEST_ROOT_TOKEN } from '../test/support/herald';
import { startTarpit } from '../test/support/receiver';
import { startStack, type Stack } from '../test/support/stack';
import { endToEndLatency, ingestCall, platformWith } from './harness';
import { openLoop } from './load';
import { progress, sleep } from './stats';

const SECONDS = Number(process.env.BENCH_FAIRNESS_SECONDS ?? 30);
const ADMIN_RATE = 50;

async function hostileTenant(stack: Stack, tarpitUrls: string[]) {
  const api = apiClient(stack.apiUrl);
  const created = await api('POST', '/v1/platforms', {
    token: TEST_ROOT_TOKEN,
    body: { name: 'hostile' },
  });
  const { admin, ingest } = created.body.apiKeys as { admin: string; ingest: string };
  for (const url of tarpitUrls) {
    for (let n = 0; n < 6; n++) {
      await api('POST', '/v1/event-destinations', {
        token: admin,
        body: { url: `${url}/${n}`, events: ['flow.created'] },
      });
    }
  }
  return { api, admin, ingest };
}

async function main(): Promise<void> {
  progress('starting the stack (API and worker processes) and four hanging hosts');
  const stack = await startStack({
    HERALD_DELIVERY_TIMEOUT: '15s',
    HERALD_RATE_LIMIT_ADMIN: String(ADMIN_RATE),
  });
  const tarpits = await Promise.all(Array.from({ length: 4 }, () => startTarpit()));
  const results: Record<string, unknown> = { seconds: SECONDS };
  try {
    const healthy = await platformWith(stack, 'healthy', 1, '/healthy', 'flow.created');
    const hostile = await hostileTenant(
      stack,
      tarpits.map((tarpit) => tarpit.url('/hang')),
    );
    await sleep(3_000); // the worker process bundles its workflows at start

    progress(`tenant B alone: 20 events/s for ${SECONDS} s`);
    const idle = await endToEndLatency(stack, healthy, '/healthy', {
      rate: 20,
      seconds: SECONDS,
      idPrefix: 'idle',
    });

    progress(`tenant B beside hostile tenant A, ${SECONDS} s`);
    const hostileIngest = openLoop(10, SECONDS + 10, () =>
      ingestCall(stack, hostile.ingest, 'flow.created'),
    );
    const hostileTests = openLoop(ADMIN_RATE, SECONDS + 10, async () => {
      const answer = await hostile.api('POST', '/v1/event-destinations/test', {
        token: hostile.admin,
        body: { url: tarpits[0]!.url('/test') },
      });
      return String(answer.status);
    });
    await sleep(10_000); // let A's attempts pile up first
    const beside = await endToEndLatency(stack, healthy, '/healthy', {
      rate: 20,
      seconds: SECONDS,
      idPrefix: 'beside',
    });
    const count = (settled: { outcome: string }[]) =>
      settled.reduce<Record<string, number>>((counts, { outcome }) => {
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        return counts;
      }, {});
    const [ingestCalls, testCalls] = await Promise.all([hostileIngest, hostileTests]);
    results.tenantB = { aloneMs: idle.latencyMs, besideHostileMs: beside.latencyMs };
    results.tenantA = {
      ingestAnswers: count(ingestCalls.settled),
      testAnswers: count(testCalls.settled),
      attemptsHangingAtEnd: tarpits.reduce((sum, tarpit) => sum + tarpit.holding(), 0),
    };
    results.ratios = {
      p50BesideOverAlone: beside.latencyMs.p50 / idle.latencyMs.p50,
      p99BesideOverAlone: beside.latencyMs.p99 / idle.latencyMs.p99,
    };
  } finally {
    await stack.stop();
    await Promise.all(tarpits.map((tarpit) => tarpit.stop()));
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
