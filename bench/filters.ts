/**
 * `npm run bench:filters`: what content filters cost an event's fan-out (DESIGN §4 `filter`).
 * One platform with 500 destinations of one type, three ways in the same run: no filters, a
 * filter on every destination that lets 1 event in 20 through, and a filter as costly to
 * evaluate that lets every event through. Each event is stored, then fanned out by the real
 * `DeliveryRepository.createDeliveries` against Postgres, and the deliveries are cleared before
 * the next. Reports per-event fan-out time (p50, p99) and each filtered case as a ratio to the
 * unfiltered one. BENCH_DATABASE_URL picks a server (a fresh database on it), else embedded
 * Postgres; BENCH_FILTER_EVENTS sets events per case (200).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres';
import { connectDatabase, migrateToLatest, type Database } from '../src/db/knex';
import { DeliveryRepository } from '../src/delivery/repository';
import { newId } from '../src/ids';
import { freshDatabase } from '../test/support/freshDatabase';
import { summary } from './stats';

const DESTINATIONS = 500;
const EVENTS = Number(process.env.BENCH_FILTER_EVENTS ?? 200);
const TYPE = 'flow.run.finished';

/** Destination `index`'s filter: failed runs with its own tag (1 in 20 events meet it). */
const selectiveFilter = (index: number) => ({
  $or: [
    { 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] }, 'data.tag': `t${index % 10}` },
    { 'data.flowRun.priority': { $gte: 100 } },
  ],
});
/** As costly to evaluate, and every event meets it. */
const passingFilter = () => ({
  $or: [{ 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] } }, { type: TYPE }],
});

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return startEmbeddedPostgres(mkdtempSync(path.join(os.tmpdir(), 'bench-')));
  const fresh = await freshDatabase(serverUrl, 'herald_bench');
  return { url: fresh.url, stop: fresh.drop };
}

/** A platform whose 500 destinations carry `filterOf(index)` (null: none). */
async function platformWithDestinations(
  db: Database,
  filterOf: (index: number) => object | null,
): Promise<string> {
  const platformId = newId('plt');
  await db('platforms').insert({ id: platformId, name: 'bench-filters' });
  await db('event_destinations').insert(
    Array.from({ length: DESTINATIONS }, (_, index) => ({
      id: newId('dst'),
      platform_id: platformId,
      url: `https://hooks.example.com/${index}`,
      events: [TYPE],
      signing_secret_encrypted: 'unused by fan-out',
      filter: filterOf(index),
    })),
  );
  return platformId;
}

async function fanOutTimes(
  db: Database,
  repository: DeliveryRepository,
  platformId: string,
): Promise<{ ms: number[]; deliveriesPerEvent: number }> {
  const ms: number[] = [];
  let deliveries = 0;
  for (let n = 0; n < EVENTS; n++) {
    const eventId = `bench-${n}`;
    await db('events').insert({
      platform_id: platformId,
      id: eventId,
      type: TYPE,
      occurred_at: new Date(),
      data: {
        tag: `t${n % 10}`,
        flowRun: { status: n % 2 === 0 ? 'FAILED' : 'SUCCEEDED', priority: n % 50 },
      },
      workflow_id: `event:${platformId}:${eventId}`,
    });
    const startedAt = performance.now();
    const created = await repository.createDeliveries(platformId, eventId, 'bench');
    ms.push(performance.now() - startedAt);
    deliveries += created.length;
    await db('deliveries').where({ platform_id: platformId, event_id: eventId }).delete();
  }
  return { ms, deliveriesPerEvent: deliveries / EVENTS };
}

async function main(): Promise<void> {
  const server = await database();
  const db = connectDatabase(server.url);
  try {
    await migrateToLatest(db);
    const repository = new DeliveryRepository(db, { inc: () => undefined });
    const cases = {
      unfiltered: () => null,
      selective: selectiveFilter,
      passing: passingFilter,
    } as const;
    const results: Record<string, { p50: number; p99: number; deliveriesPerEvent: number }> = {};
    for (const [name, filterOf] of Object.entries(cases)) {
      const platformId = await platformWithDestinations(db, filterOf);
      // A warm-up pass, so the first case does not pay for cold caches alone.
      await repository.createDeliveries(platformId, 'absent', 'bench');
      const { ms, deliveriesPerEvent } = await fanOutTimes(db, repository, platformId);
      const { p50, p99 } = summary(ms);
      results[name] = { p50, p99, deliveriesPerEvent };
      console.log(`${name}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    }
    const base = results.unfiltered!;
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([name, result]) => [
          name,
          {
            'deliveries / event': result.deliveriesPerEvent,
            'p50 ms': Math.round(result.p50 * 10) / 10,
            'p99 ms': Math.round(result.p99 * 10) / 10,
            'p50 ÷ unfiltered': Math.round((result.p50 / base.p50) * 100) / 100,
          },
        ]),
      ),
    );
  } finally {
    await db.destroy();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
