import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../../src/db/knex';
import { findFreePort } from '../../src/runtime/ports';
import { startDevServer, type DevServer } from '../../src/temporal/devServer';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { freshDatabase } from '../support/freshDatabase';
import { createPlatform, startTestHerald, type ApiCall, type TestHerald } from '../support/herald';
import { sampleValue } from '../support/prometheus';
import { startReceiver, type Receiver } from '../support/receiver';

let receiver: Receiver;
let herald: TestHerald;
let temporal: DevServer;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-outage-'));
let port: number;

const startTemporal = () =>
  startDevServer({
    cliPath: requireTestEnv('temporalCli'),
    dataDir,
    port,
    namespace: 'default',
    readyTimeoutMs: 120_000,
  });

beforeAll(async () => {
  port = await findFreePort();
  [temporal, receiver] = await Promise.all([startTemporal(), startReceiver()]);
  herald = await startTestHerald({ env: { TEMPORAL_ADDRESS: temporal.address } });
});
afterAll(async () => {
  await herald.stop();
  await temporal.stop();
  await receiver.stop();
});

const ingest = (platform: { ingest: string }, id: string, api: ApiCall = herald.api) =>
  api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id, type: 'flow.created', data: { id } },
  });

async function destinationAt(hook: string, api: ApiCall = herald.api) {
  const platform = await createPlatform(api);
  await api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url(hook), events: ['flow.created'] },
  });
  return platform;
}

const deliveredIds = (hook: string) =>
  new Set(receiver.requests(hook).map((request) => request.headers['webhook-id']));

/** Nothing is left waiting: every event started, every delivery final. */
async function expectNothingPending(platformId: string, databaseUrl = herald.databaseUrl) {
  const db = connectDatabase(databaseUrl);
  try {
    const unstarted = await db('events')
      .where({ platform_id: platformId })
      .whereNull('workflow_started_at')
      .count<{ count: number }[]>({ count: '*' });
    const pending = await db('deliveries')
      .where({ platform_id: platformId, status: 'pending' })
      .count<{ count: number }[]>({ count: '*' });
    expect([Number(unstarted[0]!.count), Number(pending[0]!.count)]).toEqual([0, 0]);
  } finally {
    await db.destroy();
  }
}

it('answers 202 while Temporal hangs (SIGSTOP) and delivers once it resumes', async () => {
  const platform = await destinationAt('/hung');
  const temporalPid = temporal.pid()!;
  process.kill(temporalPid, 'SIGSTOP');
  try {
    const answers = [];
    for (const id of ['hung-1', 'hung-2', 'hung-3']) {
      const sentAt = performance.now();
      const answer = await ingest(platform, id);
      answers.push({ status: answer.status, fast: performance.now() - sentAt < 2_000 });
    }
    // Not a timing assertion on Herald's speed: a hung Temporal must not hold the answer at all
    // (the old path waited up to its 5 s start deadline).
    expect(answers).toEqual(Array(3).fill({ status: 202, fast: true }));
    // Without an id, a 5xx after the commit would make a careful client store a twin: the one
    // call must answer 202 and store one row.
    const idless = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: { marker: 'id-less' } },
    });
    expect(idless.status).toBe(202);
  } finally {
    process.kill(temporalPid, 'SIGCONT');
  }
  await eventually(() => {
    const ids = [...deliveredIds('/hung')];
    expect(ids.filter((id) => id?.startsWith('hung-')).sort()).toEqual([
      'hung-1',
      'hung-2',
      'hung-3',
    ]);
    expect(ids).toHaveLength(4);
  }, 60_000);
  await eventually(() => expectNothingPending(platform.id), 30_000);
  const db = connectDatabase(herald.databaseUrl);
  try {
    const idless = await db('events')
      .where({ platform_id: platform.id })
      .whereRaw(`data->>'marker' = 'id-less'`);
    expect(idless).toHaveLength(1);
  } finally {
    await db.destroy();
  }
});

it('with HERALD_FIRST_ATTEMPT=outbox, delivers while Temporal hangs and sends a failed first attempt once until it resumes', async () => {
  // Its own database: no other Herald's relay claims its rows (nor it theirs).
  const database = await freshDatabase(requireTestEnv('databaseUrl'));
  const outboxHerald = await startTestHerald({
    env: {
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      HERALD_FIRST_ATTEMPT: 'outbox',
    },
  });
  const db = connectDatabase(database.url);
  try {
    const healthy = await destinationAt('/outbox-hung', outboxHerald.api);
    const failing = await destinationAt('/outbox-hung-retry', outboxHerald.api);
    receiver.script('/outbox-hung-retry', [{ status: 500 }]);
    const temporalPid = temporal.pid()!;
    process.kill(temporalPid, 'SIGSTOP');
    try {
      expect((await ingest(healthy, 'outbox-hung-1', outboxHerald.api)).status).toBe(202);
      expect((await ingest(failing, 'outbox-hung-2', outboxHerald.api)).status).toBe(202);
      // A first attempt needs no Temporal.
      await eventually(() =>
        expect(deliveredIds('/outbox-hung')).toEqual(new Set(['outbox-hung-1'])),
      );
      // Its retry does: the launch is set aside and claimed again while Temporal hangs…
      await eventually(async () => {
        const row = await db('events')
          .where({ platform_id: failing.id, id: 'outbox-hung-2' })
          .first();
        expect(row.start_attempts).toBeGreaterThanOrEqual(2);
      }, 45_000);
      // …and each later launch hands the attempted delivery to the retry schedule unsent.
      expect(receiver.requests('/outbox-hung-retry')).toHaveLength(1);
      // The worker's failed starts are counted like the API's.
      const metrics = (await outboxHerald.api('GET', '/metrics')).body as string;
      expect(
        sampleValue(metrics, 'herald_temporal_client_errors_total', {
          method: 'StartWorkflowExecution',
        }),
      ).toBeGreaterThan(0);
    } finally {
      process.kill(temporalPid, 'SIGCONT');
    }
    await eventually(() => expect(receiver.requests('/outbox-hung-retry')).toHaveLength(2), 90_000);
    await eventually(() => expectNothingPending(failing.id, database.url), 30_000);
    await expectNothingPending(healthy.id, database.url);
  } finally {
    await db.destroy();
    await outboxHerald.stop();
    await database.drop();
  }
}, 180_000);

it('keeps accepting events while Temporal is down and delivers them once it is back', async () => {
  const platform = await destinationAt('/outage');
  await temporal.stop();

  // An API process started during the outage takes events too.
  const lateApi = await startTestHerald({
    mode: 'api',
    env: {
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: herald.env.TEMPORAL_TASK_QUEUE!,
    },
  });
  try {
    const viaLateApi = await lateApi.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id: 'outage-late-api', type: 'flow.created', data: {} },
    });
    expect(viaLateApi.status).toBe(202);
  } finally {
    await lateApi.stop();
  }

  const accepted = await ingest(platform, 'outage-1');
  expect(accepted.status).toBe(202);
  expect((await ingest(platform, 'outage-2')).status).toBe(202);
  // The same id again is a duplicate, not a second event.
  expect((await ingest(platform, 'outage-1')).status).toBe(200);
  const stored = await herald.api('GET', '/v1/events/outage-2', { token: platform.admin });
  expect(stored.status).toBe(200);
  const ready = await herald.api('GET', '/health/ready');
  expect(ready.status).toBe(503);
  // Which dependency, not its error: that goes to the log.
  expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'unavailable' });
  await eventually(async () => {
    const metrics = (await herald.api('GET', '/metrics')).body as string;
    const failedStarts = { method: 'StartWorkflowExecution' };
    expect(
      sampleValue(metrics, 'herald_temporal_client_errors_total', failedStarts),
    ).toBeGreaterThan(0);
    // The events wait in the outbox.
    expect(sampleValue(metrics, 'herald_events_awaiting_start')).toBeGreaterThanOrEqual(2);
  });
  const metrics = (await herald.api('GET', '/metrics')).body as string;
  const acceptedIngest = { type: 'flow.created', outcome: 'accepted' };
  expect(
    sampleValue(metrics, 'herald_events_ingested_total', acceptedIngest),
  ).toBeGreaterThanOrEqual(2);

  temporal = await startTemporal();
  // Nobody sends them again: the relay starts them.
  await eventually(
    () =>
      expect(deliveredIds('/outage')).toEqual(new Set(['outage-late-api', 'outage-1', 'outage-2'])),
    90_000,
  );
  await eventually(() => expectNothingPending(platform.id), 30_000);
});
