import knexFactory from 'knex';
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

it('answers 400, never 500, to a path whose percent-escapes do not decode, with or without a key', async () => {
  for (const token of [undefined, own.admin]) {
    const answer = await herald.api('GET', '/v1/events/%ZZ', { token });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.errors).toEqual([{ path: 'path', message: expect.any(String) }]);
  }
});
