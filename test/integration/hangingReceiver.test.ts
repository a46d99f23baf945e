import knexFactory from 'knex';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

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
