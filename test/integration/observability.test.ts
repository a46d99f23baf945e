import { once } from 'node:events';
import { connect } from 'node:net';
import { connectDatabase } from '../../src/db/knex';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';
import { sampleValue } from '../support/prometheus';

const ctx = useHeraldWithReceiver();

it('serves an OpenAPI 3.1 document whose request bodies come from the zod schemas', async () => {
  const answer = await ctx.herald.api('GET', '/openapi.json');
  expect(answer.status).toBe(200);
  expect(answer.body.openapi).toBe('3.1.0');
  expect(Object.keys(answer.body.paths)).toEqual(
    expect.arrayContaining([
      '/v1/events',
      '/v1/event-destinations/{id}/recover',
      '/v1/deliveries/{id}/redeliver',
    ]),
  );
  const create =
    answer.body.paths['/v1/event-destinations'].post.requestBody.content['application/json'].schema;
  expect(create.required).toEqual(['url', 'events']);
  expect(create.properties.events.items.enum).toContain('flow.created');
  expect(create.additionalProperties).toBe(false);
  const list = answer.body.paths['/v1/event-destinations/{id}/deliveries'].get.parameters.map(
    (parameter: { name: string }) => parameter.name,
  );
  expect(list).toEqual(['id', 'limit', 'cursor', 'status']);
});

async function scrape(url = `${ctx.herald.apiUrl}/metrics`): Promise<string> {
  const answer = await fetch(url);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
  return answer.text();
}

it('moves the ingest, delivery and attempt metrics when an event is delivered', async () => {
  const platform = await createPlatform(ctx.herald.api);
  await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/metrics-ok'), events: ['folder.created'] },
  });
  const before = await scrape();
  const accepted = { type: 'folder.created', outcome: 'accepted' };
  const succeeded = { outcome: 'succeeded' };
  const attempt2xx = { status_class: '2xx', outcome: 'succeeded' };
  const value = (text: string, name: string, labels: Record<string, string>) =>
    sampleValue(text, name, labels) ?? 0;

  const ingested = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'folder.created', data: {} },
  });
  expect(ingested.status).toBe(202);
  const rejected = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'no.such.type', data: {} },
  });
  expect(rejected.status).toBe(400);
  await eventually(() => expect(ctx.receiver.requests('/metrics-ok')).toHaveLength(1));

  const after = await eventually(async () => {
    const text = await scrape();
    expect(value(text, 'herald_deliveries_total', succeeded)).toBe(
      value(before, 'herald_deliveries_total', succeeded) + 1,
    );
    return text;
  });
  const moved = (name: string, labels: Record<string, string>) =>
    value(after, name, labels) - value(before, name, labels);
  expect(moved('herald_events_ingested_total', accepted)).toBe(1);
  expect(moved('herald_events_ingested_total', { type: 'unknown', outcome: 'rejected' })).toBe(1);
  expect(moved('herald_ingest_duration_seconds_count', { outcome: 'accepted' })).toBe(1);
  expect(moved('herald_delivery_attempts_total', attempt2xx)).toBe(1);
  expect(moved('herald_delivery_attempt_duration_seconds_count', { status_class: '2xx' })).toBe(1);
  expect(
    moved('herald_http_requests_total', { method: 'POST', route: '/v1/events', status: '202' }),
  ).toBe(1);
  expect(after).toContain('herald_process_cpu_seconds_total');
});

it('counts pending retries and disabled destinations from the database', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/metrics-down', Array(50).fill({ status: 503 }));
  for (const [hook, enabled] of [
    ['/metrics-down', true],
    ['/metrics-off', false],
  ] as const) {
    await ctx.herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: ctx.receiver.url(hook), events: ['folder.deleted'], enabled },
    });
  }
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'folder.deleted', data: {} },
  });
  await eventually(async () => {
    const text = await scrape();
    const retried = { status_class: '5xx', outcome: 'retry' };
    expect(sampleValue(text, 'herald_delivery_attempts_total', retried)).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'herald_deliveries_pending_retry')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'herald_destinations_disabled')).toBeGreaterThanOrEqual(1);
  });
});

it("answers X-Request-Id with the caller's id, or a new one", async () => {
  const kept = await fetch(`${ctx.herald.apiUrl}/health/live`, {
    headers: { 'x-request-id': 'trace-abc.123' },
  });
  expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
  const replaced = await fetch(`${ctx.herald.apiUrl}/health/live`, {
    headers: { 'x-request-id': 'not a token/has spaces' },
  });
  expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('records a request whose client hung up before its answer as 499, stored nowhere', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const labels = { method: 'POST', route: 'unmatched', status: '499' };
  const before = sampleValue(await scrape(), 'herald_http_requests_total', labels) ?? 0;
  const { hostname, port } = new URL(ctx.herald.apiUrl!);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  // Half a body: the API waits for the rest until the client gives up.
  socket.write(
    'POST /v1/events HTTP/1.1\r\n' +
      `Host: ${hostname}\r\nAuthorization: Bearer ${platform.ingest}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":"folder.cr',
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.destroy();

  await eventually(async () =>
    expect(sampleValue(await scrape(), 'herald_http_requests_total', labels)).toBe(before + 1),
  );
  const db = connectDatabase(ctx.herald.databaseUrl);
  try {
    expect(await db('events').where({ platform_id: platform.id })).toHaveLength(0);
  } finally {
    await db.destroy();
  }
});
