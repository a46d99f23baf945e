import { Webhook } from 'standardwebhooks';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** DESIGN §4 `filter` and `redact`: a destination gets exactly the events and fields it needs. */
const ctx = useHeraldWithReceiver();
const { db } = useStoreClients();

async function createDestination(token: string, body: Record<string, unknown>) {
  const created = await ctx.herald.api('POST', '/v1/event-destinations', { token, body });
  expect(created.status).toBe(201);
  return created.body;
}

it('delivers only the events a destination’s filter matches, and creates no delivery for the rest', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const filter = { 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] } };
  const filtered = await createDestination(platform.admin, {
    url: ctx.receiver.url('/failures'),
    events: ['flow.run.finished'],
    filter,
  });
  expect(filtered.filter).toEqual(filter);
  await createDestination(platform.admin, {
    url: ctx.receiver.url('/everything'),
    events: ['flow.run.finished'],
  });
  for (const [id, status] of [
    ['run-ok', 'SUCCEEDED'],
    ['run-failed', 'FAILED'],
  ]) {
    const accepted = await ctx.herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id, type: 'flow.run.finished', data: { flowRun: { status } } },
    });
    expect(accepted.status).toBe(202);
  }
  await eventually(() => expect(ctx.receiver.requests('/everything')).toHaveLength(2));
  await eventually(() => expect(ctx.receiver.requests('/failures')).toHaveLength(1));
  expect(ctx.receiver.requests('/failures')[0]!.headers['webhook-id']).toBe('run-failed');
  const rows = await db('deliveries').where({
    platform_id: platform.id,
    destination_id: filtered.id,
  });
  expect(rows.map((row) => row.event_id)).toEqual(['run-failed']);

  // Cleared, it takes every event of its types again.
  const cleared = await ctx.herald.api('PATCH', `/v1/event-destinations/${filtered.id}`, {
    token: platform.admin,
    body: { filter: null },
  });
  expect(cleared.body.filter).toBeNull();
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'run-ok-2', type: 'flow.run.finished', data: { flowRun: { status: 'SUCCEEDED' } } },
  });
  await eventually(() => expect(ctx.receiver.requests('/failures')).toHaveLength(2));
});

it('delivers through $or, $in, $nin, $exists and $not filters exactly the events each matches', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const filters: Record<string, Record<string, unknown>> = {
    '/or': { $or: [{ projectId: 'billing' }, { 'data.flowRun.durationMs': { $gte: 60000 } }] },
    '/in': { 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] } },
    '/nin': { 'data.flowRun.status': { $nin: ['SUCCEEDED'] } },
    '/exists': { 'data.flowRun.error': { $exists: true } },
    '/not': { $not: { 'data.flowRun.status': 'SUCCEEDED' } },
  };
  for (const [path, filter] of Object.entries(filters)) {
    await createDestination(platform.admin, {
      url: ctx.receiver.url(`/ops${path}`),
      events: ['flow.run.finished'],
      filter,
    });
  }
  const events = [
    { id: 'ok-billing', projectId: 'billing', data: { flowRun: { status: 'SUCCEEDED' } } },
    { id: 'slow-ok', data: { flowRun: { status: 'SUCCEEDED', durationMs: 90000 } } },
    { id: 'failed', data: { flowRun: { status: 'FAILED', error: 'boom' } } },
    { id: 'timeout', data: { flowRun: { status: 'TIMEOUT' } } },
    { id: 'no-run', data: {} },
  ];
  for (const event of events) {
    const accepted = await ctx.herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.run.finished', ...event },
    });
    expect(accepted.status).toBe(202);
  }
  const expected: Record<string, string[]> = {
    '/or': ['ok-billing', 'slow-ok'],
    '/in': ['failed', 'timeout'],
    // A missing field is not in the list: $nin and $not let it through, as MongoDB does.
    '/nin': ['failed', 'no-run', 'timeout'],
    '/exists': ['failed'],
    '/not': ['failed', 'no-run', 'timeout'],
  };
  const received = () =>
    Object.fromEntries(
      Object.keys(filters).map((path) => [
        path,
        ctx.receiver
          .requests(`/ops${path}`)
          .map((request) => request.headers['webhook-id']!)
          .sort(),
      ]),
    );
  await eventually(() => expect(received()).toEqual(expected));
  await eventually(async () => {
    const rows = await db('deliveries').where({ platform_id: platform.id });
    expect(rows.filter((row) => row.status !== 'succeeded')).toEqual([]);
    expect(rows).toHaveLength(Object.values(expected).flat().length);
  });
});

it.each([
  [{ 'data.status': { $regex: '.*' } }, 'filter.data.status.$regex', /not an operator/],
  [{ $where: 'true' }, 'filter.$where', /not allowed here/],
  [{ $or: [{ type: { $in: 'x' } }] }, 'filter.$or[0].type.$in', /array/],
  [{ 'data..x': 1 }, 'filter.data..x', /dotted path/],
  [{ big: 'x'.repeat(5000) }, 'filter', /at most 4096 bytes/],
])('refuses a bad filter with 400 naming the part: %j', async (filter, path, message) => {
  const platform = await createPlatform(ctx.herald.api);
  const answer = await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/x'), events: ['flow.created'], filter },
  });
  expect(answer.status).toBe(400);
  const error = answer.body.errors.find((e: { path: string }) => e.path === path);
  expect(error?.message).toMatch(message);
});

it('tests a filter against an event without saving anything', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const filter = { type: 'flow.run.finished', 'data.durationMs': { $gt: 1000 } };
  const test = (event: Record<string, unknown>) =>
    ctx.herald.api('POST', '/v1/event-destinations/filter/test', {
      token: platform.admin,
      body: { filter, event },
    });
  const slow = await test({ type: 'flow.run.finished', data: { durationMs: 1500 } });
  expect(slow.status).toBe(200);
  expect(slow.body).toEqual({ matches: true });
  expect((await test({ type: 'flow.run.finished', data: { durationMs: 10 } })).body).toEqual({
    matches: false,
  });
  const bad = await ctx.herald.api('POST', '/v1/event-destinations/filter/test', {
    token: platform.admin,
    body: { filter: { type: { $foo: 1 } }, event: {} },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].path).toBe('filter.type.$foo');
  const ingestKey = await ctx.herald.api('POST', '/v1/event-destinations/filter/test', {
    token: platform.ingest,
    body: { filter, event: {} },
  });
  expect(ingestKey.status).toBe(403);
});

it('removes redacted paths from what is sent and signed, and keeps them in the stored event', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const destination = await createDestination(platform.admin, {
    url: ctx.receiver.url('/redacted'),
    events: ['user.signed.in'],
    redact: ['data.user.email', 'data.ip'],
  });
  expect(destination.redact).toEqual(['data.user.email', 'data.ip']);
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: {
      id: 'signed-in-1',
      type: 'user.signed.in',
      data: { user: { id: 'u1', email: 'a@example.com' }, ip: '203.0.113.9' },
    },
  });
  await eventually(() => expect(ctx.receiver.requests('/redacted')).toHaveLength(1));
  const [request] = ctx.receiver.requests('/redacted');
  const sent = JSON.parse(request!.body);
  expect(sent.data).toEqual({ user: { id: 'u1' } });
  // Signed as sent: the receiver verifies the redacted body.
  expect(new Webhook(destination.signingSecret).verify(request!.body, request!.headers)).toEqual(
    sent,
  );
  const stored = await db('events').where({ platform_id: platform.id, id: 'signed-in-1' }).first();
  expect(stored.data).toEqual({ user: { id: 'u1', email: 'a@example.com' }, ip: '203.0.113.9' });

  const refused = await ctx.herald.api('PATCH', `/v1/event-destinations/${destination.id}`, {
    token: platform.admin,
    body: { redact: ['id'] },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors[0].path).toBe('redact[0]');
});
