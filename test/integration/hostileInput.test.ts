import net from 'node:net';
import knexFactory from 'knex';
import { HEADERS_TIMEOUT_MS } from '../../src/runtime/httpServer';
import { requireTestEnv } from '../support/environment';
import { hostileRequests, MARKER, SQL } from '../support/hostileRequests';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';

/**
 * Generated hostile requests across every route. Each must get a 4xx problem+json answer; none a
 * 5xx; the server stays healthy; and a refused write leaves the database as it was.
 */
let herald: TestHerald;
let own: Awaited<ReturnType<typeof createPlatform>>;
let other: Awaited<ReturnType<typeof createPlatform>>;
let destinationId: string;
let foreignDestinationId: string;
const db = knexFactory({
  client: 'pg',
  connection: requireTestEnv('databaseUrl'),
  pool: { min: 0, max: 1 },
});

beforeAll(async () => {
  herald = await startTestHerald();
  [own, other] = [await createPlatform(herald.api), await createPlatform(herald.api)];
  const body = { url: 'https://hooks.example.com/x', events: ['flow.created'] };
  destinationId = (await herald.api('POST', '/v1/event-destinations', { token: own.admin, body }))
    .body.id;
  foreignDestinationId = (
    await herald.api('POST', '/v1/event-destinations', { token: other.admin, body })
  ).body.id;
});
afterAll(async () => {
  await db.destroy();
  await herald.stop();
});

async function snapshot() {
  const [destinations, events, keys, platforms, destination] = await Promise.all([
    db('event_destinations')
      .where({ platform_id: own.id })
      .count<{ count: string }[]>('* as count'),
    db('events').where({ platform_id: own.id }).count<{ count: string }[]>('* as count'),
    db('api_keys')
      .whereIn('platform_id', [own.id, other.id])
      .count<{ count: string }[]>('* as count'),
    db('platforms').where('name', 'like', `%${MARKER}%`).count<{ count: string }[]>('* as count'),
    db('event_destinations').where({ id: destinationId }).first(),
  ]);
  const platformRows = await db('platforms').whereIn('id', [own.id, other.id]).orderBy('id');
  return { destinations, events, keys, platforms, destination, platformRows };
}

it('answers every hostile request with a 4xx problem, changes nothing, and stays healthy', async () => {
  const requests = hostileRequests({ own, other, destinationId, foreignDestinationId });
  expect(requests.length).toBeGreaterThanOrEqual(200);
  const before = await snapshot();

  const outcomes: string[] = [];
  for (const request of requests) {
    const answer = await herald.api(request.method, request.path, {
      token: request.token,
      rawBody: request.rawBody,
      headers: {
        ...(request.contentType ? { 'content-type': request.contentType } : {}),
        ...request.headers,
      },
    });
    const contentType = answer.headers.get('content-type') ?? '';
    const ok =
      answer.status >= 400 &&
      answer.status < 500 &&
      contentType.startsWith('application/problem+json');
    if (!ok)
      outcomes.push(
        `${request.name}: ${answer.status} ${contentType} ${JSON.stringify(answer.body).slice(0, 200)}`,
      );
  }
  expect(outcomes).toEqual([]);
  expect(await snapshot()).toEqual(before);
  // The bodies the variants start from are valid, and hostile-looking text is stored verbatim.
  const control = await herald.api('POST', '/v1/event-destinations', {
    token: own.admin,
    body: {
      url: 'https://h.example.com/x',
      events: ['flow.created'],
      description: `${SQL} \u202e😈`,
    },
  });
  expect(control.status).toBe(201);
  expect(control.body.description).toBe(`${SQL} \u202e😈`);
  await herald.api('DELETE', `/v1/event-destinations/${control.body.id}`, { token: own.admin });
  expect((await herald.api('GET', '/health/ready')).status).toBe(200);
  console.log(
    `hostile requests tried: ${requests.length}, answered 4xx problem+json: ${requests.length - outcomes.length}`,
  );
});

it('answers 400, never 500, to a path whose percent-escapes do not decode; 401 first without a key', async () => {
  const anonymous = await herald.api('GET', '/v1/events/%ZZ');
  expect(anonymous.status).toBe(401);
  const answer = await herald.api('GET', '/v1/events/%ZZ', { token: own.admin });
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body.errors).toEqual([{ path: 'path', message: expect.any(String) }]);
});

it('checks the key before it parses a body: no key and broken JSON is 401, not 400', async () => {
  for (const path of ['/v1/events', '/v1/event-destinations', '/v1/platforms']) {
    const answer = await herald.api('POST', path, {
      rawBody: '{"broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(401);
  }
});

it('caps an error answer: a body with thousands of bad items answers the first 20 errors', async () => {
  const rawBody = JSON.stringify({
    url: 'ftp://x',
    events: Array.from({ length: 3000 }, () => 'y'.repeat(30)),
    headers: Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`bad header ${i} ${'z'.repeat(400)}`, 'v']),
    ),
  });
  const answer = await herald.api('POST', '/v1/event-destinations', {
    token: own.admin,
    rawBody,
    headers: { 'content-type': 'application/json' },
  });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toHaveLength(20);
  expect(answer.body.detail).toMatch(/more errors are not shown/);
  expect(JSON.stringify(answer.body).length).toBeLessThan(10_000);
});

it('closes a connection whose headers trickle in, long before Node’s 300 s default', async () => {
  const { port, hostname } = new URL(herald.apiUrl!);
  const socket = net.connect(Number(port), hostname);
  const started = Date.now();
  socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
  const drip = setInterval(() => socket.write('X-Drip: 1\r\n'), 1_000);
  const answer = await new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
  });
  clearInterval(drip);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeLessThan(HEADERS_TIMEOUT_MS + 5_000);
}, 30_000);
