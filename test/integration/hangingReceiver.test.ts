import { Client, Connection } from '@temporalio/client';
import knexFactory from 'knex';
import { FIRST_ATTEMPTS_AT_ONCE_MAX } from '../../src/delivery/firstAttempts';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';
import { startTarpit } from '../support/receiver';

/**
 * A receiver that stops answering is paused (DESIGN §7): after a few attempts in a row time out,
 * its deliveries wait in Temporal unsent instead of holding worker slots and cycling through the
 * engine, and one probe at a time finds out when it answers again.
 */
const context = useHeraldWithReceiver({ env: { HERALD_DELIVERY_TIMEOUT: '1s' } });
const db = knexFactory({
  client: 'pg',
  connection: requireTestEnv('databaseUrl'),
  pool: { min: 0, max: 1 },
});
afterAll(() => db.destroy());

const EVENTS = 10;
const SILENT_MS = 8_000;

it('stops sending to a receiver that lets its attempts time out, then delivers everything once it answers', async () => {
  const { herald, receiver } = context;
  const platform = await createPlatform(herald.api, { name: 'silent receiver' });
  const created = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/silent'), events: ['flow.created'] },
  });
  expect(created.status).toBe(201);

  receiver.setDelay(1_500); // past the 1 s attempt timeout: every attempt times out
  const ingested = await herald.api('POST', '/v1/events/batch', {
    token: platform.ingest,
    body: { events: Array.from({ length: EVENTS }, () => ({ type: 'flow.created', data: {} })) },
  });
  expect(ingested.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, SILENT_MS));
  const sentWhileSilent = receiver.requests('/silent').length;
  receiver.setDelay(0);

  // Unpaused, each delivery is tried again every 0.2 s after its 1 s timeout: about six times
  // in 8 s, 60 requests. Paused, the first attempts and a probe now and then.
  expect(sentWhileSilent).toBeGreaterThanOrEqual(HANGING_RECEIVERS.timeoutsToPause);
  expect(sentWhileSilent).toBeLessThanOrEqual(EVENTS + 5);

  const deliveries = () => db('deliveries').where({ platform_id: platform.id }).select('status');
  await eventually(async () => {
    const rows = await deliveries();
    expect(rows).toHaveLength(EVENTS);
    expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
  }, 40_000);
  // A put-off attempt sent nothing, so it is no attempt on record.
  const attempts = await db('delivery_attempts as a')
    .join('deliveries as d', 'd.id', 'a.delivery_id')
    .where('d.platform_id', platform.id)
    .count<{ count: string }[]>({ count: '*' });
  expect(Number(attempts[0]!.count)).toBe(receiver.requests('/silent').length);
}, 90_000);

it('waits out the pause its own timeout began, in Temporal, instead of coming back to be put off', async () => {
  const { herald } = context;
  const silentHost = await startTarpit();
  const connection = await Connection.connect({ address: herald.temporalAddress });
  try {
    const platform = await createPlatform(herald.api, { name: 'paused by its own timeouts' });
    // Wider than first attempts are made at once: each delivery is an activity from the start.
    const width = FIRST_ATTEMPTS_AT_ONCE_MAX + 1;
    for (let n = 0; n < width; n++) {
      const created = await herald.api('POST', '/v1/event-destinations', {
        token: platform.admin,
        body: { url: silentHost.url(`/held/${n}`), events: ['flow.created'] },
      });
      expect(created.status).toBe(201);
    }
    const event = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: {} },
    });
    expect(event.status).toBe(202);
    const handle = new Client({ connection }).workflow.getHandle(event.body.workflowId);
    const pendingAttempts = async () =>
      ((await handle.describe()).raw.pendingActivities ?? []).map(
        (activity) => activity.attempt ?? 0,
      );
    // Every first attempt times out after 1 s; the third pauses the host for at least 2 s.
    await eventually(async () => {
      const attempts = await pendingAttempts();
      expect(attempts).toHaveLength(width);
      expect(Math.min(...attempts)).toBeGreaterThanOrEqual(2);
    });
    // Told the pause, Temporal holds the next attempts past it: none comes back within the 0.2 s
    // retry interval only to be put off (a third attempt in Temporal, nothing sent), apart from
    // those that timed out before the pause began.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const attempts = await pendingAttempts();
    const putOffInBetween = attempts.filter((attempt) => attempt > 2).length;
    expect(putOffInBetween).toBeLessThanOrEqual(HANGING_RECEIVERS.timeoutsToPause - 1);
    expect(silentHost.arrivals()).toHaveLength(width);
    const rows = await db('deliveries as d')
      .leftJoin('delivery_attempts as a', 'a.delivery_id', 'd.id')
      .where('d.platform_id', platform.id)
      .select('d.status', 'a.id as attempt');
    expect(rows).toHaveLength(width);
    expect(rows.every((row) => row.status === 'pending' && row.attempt !== null)).toBe(true);
  } finally {
    await connection.close();
    await silentHost.stop();
  }
}, 60_000);
