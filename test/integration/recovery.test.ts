import knexFactory from 'knex';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { startReceiver, type Receiver } from '../support/receiver';

let herald: TestHerald;
let receiver: Receiver;
let platform: Awaited<ReturnType<typeof createPlatform>>;
const db = knexFactory({
  client: 'pg',
  connection: requireTestEnv('databaseUrl'),
  pool: { min: 0, max: 1 },
});

beforeAll(async () => {
  [herald, receiver] = await Promise.all([
    startTestHerald({ env: { HERALD_RETRY_MAX_ATTEMPTS: '2', HERALD_AUTO_DISABLE_AFTER: '2s' } }),
    startReceiver(),
  ]);
  platform = await createPlatform(herald.api);
});
afterAll(async () => {
  await db.destroy();
  await herald.stop();
  await receiver.stop();
});

async function createDestination(path: string, events: string[]) {
  const answer = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url(path), events },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

async function deliveries(destinationId: string, status: string) {
  const answer = await herald.api(
    'GET',
    `/v1/event-destinations/${destinationId}/deliveries?status=${status}`,
    {
      token: platform.admin,
    },
  );
  return answer.body.data as { id: string }[];
}

it('replays every failed delivery of an outage with recover, and only those in range', async () => {
  receiver.script(
    '/outage',
    Array.from({ length: 6 }, () => ({ status: 503 })),
  );
  const destinationId = await createDestination('/outage', ['folder.updated']);
  const since = new Date().toISOString();
  for (const id of ['outage-a', 'outage-b', 'outage-c']) {
    await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id, type: 'folder.updated', data: {} },
    });
  }
  await eventually(async () => expect(await deliveries(destinationId, 'failed')).toHaveLength(3));

  const empty = await herald.api('POST', `/v1/event-destinations/${destinationId}/recover`, {
    token: platform.admin,
    body: { since: '2000-01-01T00:00:00Z', until: since },
  });
  expect(empty.body).toEqual({ count: 0 });

  const recovered = await herald.api('POST', `/v1/event-destinations/${destinationId}/recover`, {
    token: platform.admin,
    body: { since },
  });
  expect(recovered.status).toBe(202);
  expect(recovered.body).toEqual({ count: 3 });
  await eventually(async () =>
    expect(await deliveries(destinationId, 'succeeded')).toHaveLength(3),
  );
  const ids = receiver.requests('/outage').map((request) => request.headers['webhook-id']);
  expect(ids.filter((id) => id === 'outage-a')).toHaveLength(3);
});

it.each([
  [{}, 'since'],
  [{ since: 'yesterday' }, 'since'],
  [{ since: '2026-01-02T00:00:00Z', until: '2026-01-01T00:00:00Z' }, 'until'],
])('refuses recover body %j (400 naming %s)', async (body, path) => {
  const destinationId = await createDestination('/unused', ['flow.created']);
  const answer = await herald.api('POST', `/v1/event-destinations/${destinationId}/recover`, {
    token: platform.admin,
    body,
  });
  expect(answer.status).toBe(400);
  expect(answer.body.errors[0].path).toBe(path);
});

it('disables a destination that fails without a success for HERALD_AUTO_DISABLE_AFTER; re-enabling clears it', async () => {
  receiver.script(
    '/dead',
    Array.from({ length: 500 }, () => ({ status: 500 })),
  );
  const destinationId = await createDestination('/dead', ['user.signed.up']);
  const ingestEvent = () =>
    herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'user.signed.up', data: {} },
    });
  // Failures keep coming for longer than the 2 s window.
  const disabled = await eventually(async () => {
    await ingestEvent();
    const answer = await herald.api('GET', `/v1/event-destinations/${destinationId}`, {
      token: platform.admin,
    });
    expect(answer.body.enabled).toBe(false);
    return answer.body;
  }, 30_000);
  expect(disabled.disabledReason).toBe(
    'Every delivery attempt failed for 2s (HERALD_AUTO_DISABLE_AFTER).',
  );
  expect(Date.parse(disabled.disabledAt)).not.toBeNaN();

  const reenabled = await herald.api('PATCH', `/v1/event-destinations/${destinationId}`, {
    token: platform.admin,
    body: { enabled: true },
  });
  expect(reenabled.body).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
});

it('resets the failing run on any success', async () => {
  receiver.script('/flaky', [{ status: 500 }]);
  const destinationId = await createDestination('/flaky', ['user.email.verified']);
  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'user.email.verified', data: {} },
  });
  await eventually(async () => {
    const row = await db('event_destinations').where({ id: destinationId }).first('failing_since');
    expect(row.failing_since).not.toBeNull();
  });
  await eventually(async () =>
    expect(await deliveries(destinationId, 'succeeded')).toHaveLength(1),
  );
  const row = await db('event_destinations')
    .where({ id: destinationId })
    .first('failing_since', 'enabled');
  expect(row).toEqual({ failing_since: null, enabled: true });
});
