import http from 'node:http';
import type { AddressInfo } from 'node:net';
import knexFactory from 'knex';
import { Webhook } from 'standardwebhooks';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, TEST_ROOT_TOKEN, useHeraldWithReceiver } from '../support/herald';

/** Rules a destination lives under after it is saved (issue 13's findings, DESIGN §4 and §7). */
const ctx = useHeraldWithReceiver({
  env: { HERALD_MAX_DESTINATIONS: '3', HERALD_RETRY_INITIAL_INTERVAL: '300ms' },
});
const db = knexFactory({
  client: 'pg',
  connection: requireTestEnv('databaseUrl'),
  pool: { min: 0, max: 1 },
});
afterAll(() => db.destroy());

async function createDestination(
  token: string,
  body: { url: string; headers?: Record<string, string> },
) {
  const answer = await ctx.herald.api('POST', '/v1/event-destinations', {
    token,
    body: { events: ['flow.created'], ...body },
  });
  return answer;
}

async function ingest(token: string) {
  const answer = await ctx.herald.api('POST', '/v1/events', {
    token,
    body: { type: 'flow.created', data: {} },
  });
  expect(answer.status).toBe(202);
  return answer.body as { id: string };
}

it('refuses a destination over HERALD_MAX_DESTINATIONS with 409 quota-exceeded, and counts only live ones', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const ids: string[] = [];
  for (let n = 0; n < 3; n++) {
    const created = await createDestination(platform.admin, { url: ctx.receiver.url(`/q${n}`) });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  const over = await createDestination(platform.admin, { url: ctx.receiver.url('/q3') });
  expect(over.status).toBe(409);
  expect(over.body.type).toBe('https://herald.dev/problems/quota-exceeded');
  expect(over.body.detail).toMatch(/HERALD_MAX_DESTINATIONS/);
  // Another platform has a quota of its own.
  const other = await createPlatform(ctx.herald.api);
  expect((await createDestination(other.admin, { url: ctx.receiver.url('/q') })).status).toBe(201);

  await ctx.herald.api('DELETE', `/v1/event-destinations/${ids[0]}`, { token: platform.admin });
  expect((await createDestination(platform.admin, { url: ctx.receiver.url('/q4') })).status).toBe(
    201,
  );
  const live = await db('event_destinations')
    .where({ platform_id: platform.id })
    .whereNull('deleted_at');
  expect(live).toHaveLength(3);
});

it('keeps the original secret through a second rotation within the overlap, and drops the one it replaces', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const created = await createDestination(platform.admin, { url: ctx.receiver.url('/rotated') });
  const original = created.body.signingSecret as string;
  const rotate = () =>
    ctx.herald.api('POST', `/v1/event-destinations/${created.body.id}/secret/rotate`, {
      token: platform.admin,
    });
  const first = (await rotate()).body.signingSecret as string;
  const second = (await rotate()).body.signingSecret as string;

  await ingest(platform.ingest);
  const request = await eventually(() => {
    const [received] = ctx.receiver.requests('/rotated');
    expect(received).toBeDefined();
    return received!;
  });
  expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
  const verifies = (secret: string) => {
    try {
      new Webhook(secret).verify(request.body, request.headers);
      return true;
    } catch {
      return false;
    }
  };
  expect({
    original: verifies(original),
    first: verifies(first),
    second: verifies(second),
  }).toEqual({ original: true, first: false, second: true });
});

it('asks for the header values again when the URL moves to another host', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const created = await createDestination(platform.admin, {
    url: 'https://hooks.example.com/a',
    headers: { 'X-Api-Key': 'for-example-com' },
  });
  const patch = (body: Record<string, unknown>) =>
    ctx.herald.api('PATCH', `/v1/event-destinations/${created.body.id}`, {
      token: platform.admin,
      body,
    });
  const moved = await patch({ url: ctx.receiver.url('/moved') });
  expect(moved.status).toBe(400);
  expect(moved.body.errors).toEqual([
    { path: 'headers.X-Api-Key', message: expect.stringMatching(/another host/) },
  ]);
  const masked = await patch({
    url: ctx.receiver.url('/moved'),
    headers: { 'X-Api-Key': '********' },
  });
  expect(masked.status).toBe(400);
  // Same host, another path: the values stay.
  expect((await patch({ url: 'https://hooks.example.com/b' })).status).toBe(200);

  const resent = await patch({
    url: ctx.receiver.url('/moved'),
    headers: { 'X-Api-Key': 'for-the-receiver' },
  });
  expect(resent.status).toBe(200);
  await ingest(platform.ingest);
  const request = await eventually(() => {
    const [received] = ctx.receiver.requests('/moved');
    expect(received).toBeDefined();
    return received!;
  });
  expect(request.headers['x-api-key']).toBe('for-the-receiver');
});

it('closes every platform route and stops pending retries when event streaming is turned off', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const created = await createDestination(platform.admin, { url: ctx.receiver.url('/gated') });
  ctx.receiver.script(
    '/gated',
    Array.from({ length: 1000 }, () => ({ status: 503 })),
  );
  const event = await ingest(platform.ingest);
  await eventually(() => expect(ctx.receiver.requests('/gated').length).toBeGreaterThan(0));
  const [delivery] = await db('deliveries').where({ event_id: event.id, platform_id: platform.id });

  const turnedOff = await ctx.herald.api('PATCH', `/v1/platforms/${platform.id}`, {
    token: TEST_ROOT_TOKEN,
    body: { eventStreamingEnabled: false },
  });
  expect(turnedOff.status).toBe(200);
  const row = await eventually(async () => {
    const current = await db('deliveries').where({ id: delivery.id }).first();
    expect(current.status).toBe('cancelled');
    return current;
  });
  expect(row.status_reason).toMatch(/event streaming was turned off/);
  const sent = ctx.receiver.requests('/gated').length;

  for (const [method, path, token] of [
    ['GET', `/v1/events/${event.id}`, platform.admin],
    ['GET', `/v1/deliveries/${delivery.id}`, platform.admin],
    ['POST', `/v1/deliveries/${delivery.id}/redeliver`, platform.admin],
    ['GET', `/v1/event-destinations/${created.body.id}/deliveries`, platform.admin],
    ['GET', '/v1/event-types', platform.admin],
    ['POST', '/v1/events', platform.ingest],
  ] as const) {
    const answer = await ctx.herald.api(method, path, {
      token,
      ...(method === 'POST' && path === '/v1/events'
        ? { body: { type: 'flow.created', data: {} } }
        : {}),
    });
    expect([path, answer.status, answer.body.type]).toEqual([
      path,
      403,
      'https://herald.dev/problems/feature-disabled',
    ]);
  }
  // Nothing more reached the receiver after the cancel.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(ctx.receiver.requests('/gated')).toHaveLength(sent);
});

it('re-checks the URL scheme at send time: an http:// URL stored while HERALD_ALLOW_HTTP was on is refused', async () => {
  const received: string[] = [];
  const plain = http.createServer((req, res) => {
    received.push(req.url ?? '');
    res.end('ok');
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  try {
    const platform = await createPlatform(ctx.herald.api);
    const created = await createDestination(platform.admin, { url: ctx.receiver.url('/x') });
    const { port } = plain.address() as AddressInfo;
    await db('event_destinations')
      .where({ id: created.body.id })
      .update({ url: `http://127.0.0.1:${port}/plain` });
    const event = await ingest(platform.ingest);
    const delivery = await eventually(async () => {
      const row = await db('deliveries').where({ event_id: event.id }).first();
      expect(row?.status).toBe('failed');
      return row;
    });
    const [attempt] = await db('delivery_attempts').where({ delivery_id: delivery.id });
    expect(attempt.error).toMatch(/^refused: the URL must use https/);
    expect(received).toEqual([]);
  } finally {
    await new Promise((resolve) => plain.close(resolve));
  }
});
