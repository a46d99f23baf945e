import { Client, Connection } from '@temporalio/client';
import knexFactory from 'knex';
import { FAIR_SHARE } from '../../src/delivery/fairness';
import { FIRST_ATTEMPTS_AT_ONCE_MAX } from '../../src/delivery/firstAttempts';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import { MAX_TESTS_IN_FLIGHT_PER_PLATFORM } from '../../src/delivery/testDeliveries';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { startReceiver, startTarpit, type Receiver } from '../support/receiver';

/**
 * One platform's hanging receivers must not take another platform's delivery capacity (DESIGN §7).
 * Attempts to the tarpit hang for HERALD_DELIVERY_TIMEOUT (20 s here): a healthy platform that had
 * to wait behind them would see its delivery tens of seconds late, not within a few.
 */
let herald: TestHerald;
let receiver: Receiver;
type Tarpit = Awaited<ReturnType<typeof startTarpit>>;
/** Four origins, so the per-platform share binds before the per-origin connection limit does. */
let tarpits: Tarpit[];
let testTarpit: Tarpit;
const holding = () => tarpits.reduce((sum, tarpit) => sum + tarpit.holding(), 0);
const db = knexFactory({
  client: 'pg',
  connection: requireTestEnv('databaseUrl'),
  pool: { min: 0, max: 1 },
});

beforeAll(async () => {
  [herald, receiver, testTarpit, ...tarpits] = await Promise.all([
    startTestHerald({ env: { HERALD_DELIVERY_TIMEOUT: '20s' } }),
    startReceiver(),
    startTarpit(),
    ...Array.from({ length: 4 }, () => startTarpit()),
  ]);
});
afterAll(async () => {
  await herald.stop();
  await Promise.all([receiver.stop(), testTarpit.stop(), db.destroy()]);
  await Promise.all(tarpits.map((tarpit) => tarpit.stop()));
});

async function createDestination(token: string, url: string) {
  const answer = await herald.api('POST', '/v1/event-destinations', {
    token,
    body: { url, events: ['flow.created'] },
  });
  expect(answer.status).toBe(201);
}

it('retries a healthy platform’s delivery within seconds while another’s 288 attempts hang', async () => {
  const hostile = await createPlatform(herald.api, { name: 'hostile' });
  const healthy = await createPlatform(herald.api, { name: 'healthy' });
  // 24 hanging destinations: wider than a first task's attempts, so each is an activity.
  for (const tarpit of tarpits) {
    for (let n = 0; n < 6; n++) await createDestination(hostile.admin, tarpit.url(`/hang/${n}`));
  }
  await createDestination(healthy.admin, receiver.url('/healthy'));

  // 12 events × 24 destinations: more attempts than the worker has activity slots.
  const ingested = await herald.api('POST', '/v1/events/batch', {
    token: hostile.ingest,
    body: { events: Array.from({ length: 12 }, () => ({ type: 'flow.created', data: {} })) },
  });
  expect(ingested.status).toBe(200);
  await eventually(() => expect(holding()).toBeGreaterThanOrEqual(FAIR_SHARE.perPlatform));

  // The healthy platform's first attempt fails; its retry is an activity like the hanging ones.
  receiver.script('/healthy', [{ status: 503 }]);
  const event = await herald.api('POST', '/v1/events', {
    token: healthy.ingest,
    body: { type: 'flow.created', data: {} },
  });
  expect(event.status).toBe(202);
  // Well under the tarpit's 20 s hold: the retry never waited behind the hanging attempts.
  await eventually(() => expect(receiver.requests('/healthy')).toHaveLength(2), 8_000);
  // The hostile platform never held more than its share.
  expect(holding()).toBeLessThanOrEqual(FAIR_SHARE.perPlatform);
  const deferred = await db('delivery_attempts as a')
    .join('deliveries as d', 'd.id', 'a.delivery_id')
    .where('d.platform_id', hostile.id)
    .where('a.error', 'like', 'deferred%')
    .count<{ count: string }[]>({ count: '*' });
  // A deferral sends nothing, so it is not an attempt on record.
  expect(Number(deferred[0]!.count)).toBe(0);
}, 60_000);

it('runs test deliveries on their own pool: one platform’s hanging tests neither block another’s nor exceed its limit', async () => {
  const hostile = await createPlatform(herald.api, { name: 'hostile tests' });
  const healthy = await createPlatform(herald.api, { name: 'healthy tests' });
  const test = (token: string, url: string) =>
    herald.api('POST', '/v1/event-destinations/test', { token, body: { url } });

  const hanging = Array.from({ length: MAX_TESTS_IN_FLIGHT_PER_PLATFORM }, () =>
    test(hostile.admin, testTarpit.url('/test-hang')),
  );
  await eventually(() => expect(testTarpit.holding()).toBe(MAX_TESTS_IN_FLIGHT_PER_PLATFORM));
  const overLimit = await test(hostile.admin, testTarpit.url('/test-hang'));
  expect(overLimit.status).toBe(429);
  expect(overLimit.headers.get('retry-after')).toBe('1');

  const other = await test(healthy.admin, receiver.url('/healthy-test'));
  expect(other.status).toBe(200);
  expect(other.body.ok).toBe(true);
  const answers = await Promise.all(hanging);
  expect(answers.map((answer) => [answer.status, answer.body.ok])).toEqual(
    answers.map(() => [200, false]),
  );
  expect(answers[0]!.body.error).toMatch(/timed out after 10000 ms/);
}, 60_000);

it('puts off attempts to a host that holds the earlier ones unanswered, before any of them times out', async () => {
  const silentHost = await startTarpit();
  try {
    const platform = await createPlatform(herald.api, { name: 'silent host' });
    await createDestination(platform.admin, silentHost.url('/held'));
    const ingest = (count: number) =>
      herald.api('POST', '/v1/events/batch', {
        token: platform.ingest,
        body: { events: Array.from({ length: count }, () => ({ type: 'flow.created', data: {} })) },
      });
    const held = HANGING_RECEIVERS.silentInFlight;
    expect((await ingest(held)).status).toBe(200);
    await eventually(() => expect(silentHost.holding()).toBe(held));
    // A third of the 20 s attempt timeout later the host has answered none of them: silent.
    await new Promise((resolve) =>
      setTimeout(resolve, 20_000 * HANGING_RECEIVERS.silenceInTimeouts),
    );
    expect((await ingest(held)).status).toBe(200);
    const deliveries = () =>
      db('deliveries as d')
        .leftJoin('delivery_attempts as a', 'a.delivery_id', 'd.id')
        .where('d.platform_id', platform.id)
        .select('d.status', 'a.id as attempt');
    await eventually(async () => expect(await deliveries()).toHaveLength(2 * held));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Still only the first ones are held; the later ones wait unsent, pending, none on record.
    expect(silentHost.holding()).toBe(held);
    const rows = await deliveries();
    expect(rows.every((row) => row.status === 'pending' && row.attempt === null)).toBe(true);
  } finally {
    await silentHost.stop();
  }
}, 60_000);

it('puts off a wide fan-out to a silent host in the workflow’s first task: one timer for them all, no activity', async () => {
  const silentHost = await startTarpit();
  const connection = await Connection.connect({ address: herald.temporalAddress });
  try {
    const platform = await createPlatform(herald.api, { name: 'wide fan-out to a silent host' });
    await createDestination(platform.admin, silentHost.url('/held'));
    const held = HANGING_RECEIVERS.silentInFlight;
    const first = await herald.api('POST', '/v1/events/batch', {
      token: platform.ingest,
      body: { events: Array.from({ length: held }, () => ({ type: 'flow.created', data: {} })) },
    });
    expect(first.status).toBe(200);
    await eventually(() => expect(silentHost.holding()).toBe(held));
    // Wider than first attempts are made at once: each delivery would be an activity.
    const width = FIRST_ATTEMPTS_AT_ONCE_MAX + 1;
    for (let n = 1; n < width; n++)
      await createDestination(platform.admin, silentHost.url(`/held/${n}`));
    await new Promise((resolve) =>
      setTimeout(resolve, 20_000 * HANGING_RECEIVERS.silenceInTimeouts),
    );
    const wide = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: {} },
    });
    expect(wide.status).toBe(202);
    const handle = new Client({ connection }).workflow.getHandle(wide.body.workflowId);
    const historyOf = async () => (await handle.fetchHistory()).events ?? [];
    // One host, one delay: the deliveries wait on one timer, then are asked again together.
    await eventually(async () => {
      const started = (await historyOf()).filter((e) => e.timerStartedEventAttributes);
      expect(started).toHaveLength(1);
    });
    expect((await historyOf()).filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(silentHost.holding()).toBe(held);
    const rows = await db('deliveries as d')
      .leftJoin('delivery_attempts as a', 'a.delivery_id', 'd.id')
      .where({ 'd.platform_id': platform.id, 'd.event_id': wide.body.id })
      .select('d.status', 'a.id as attempt');
    expect(rows).toHaveLength(width);
    expect(rows.every((row) => row.status === 'pending' && row.attempt === null)).toBe(true);
  } finally {
    await connection.close();
    await silentHost.stop();
  }
}, 60_000);
