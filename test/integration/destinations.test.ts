import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';

let herald: TestHerald;
let platform: Awaited<ReturnType<typeof createPlatform>>;
beforeAll(async () => {
  herald = await startTestHerald();
  platform = await createPlatform(herald.api);
});
afterAll(() => herald.stop());

const validBody = {
  url: 'https://hooks.example.com/herald',
  events: ['flow.created', 'user.signed.in'],
};

async function createDestination(
  body: Record<string, unknown> = validBody,
  token = platform.admin,
) {
  const answer = await herald.api('POST', '/v1/event-destinations', { token, body });
  expect(answer.status).toBe(201);
  return answer.body;
}

describe('event destinations CRUD', () => {
  it('creates a destination and shows its signing secret once', async () => {
    const created = await createDestination({
      ...validBody,
      description: 'Audit sink',
      projectId: 'proj_1',
      headers: { Authorization: 'Bearer s3cret' },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^dst_/),
      platformId: platform.id,
      projectId: 'proj_1',
      url: validBody.url,
      events: validBody.events,
      enabled: true,
      disabledReason: null,
      disabledAt: null,
      description: 'Audit sink',
      headers: { Authorization: '********' },
    });
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const fetched = await herald.api('GET', `/v1/event-destinations/${created.id}`, {
      token: platform.admin,
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body.signingSecret).toBeUndefined();
    expect(fetched.body.headers).toEqual({ Authorization: '********' });
    expect(JSON.stringify(fetched.body)).not.toContain('s3cret');
  });

  it('updates any subset; a masked header value keeps the stored one', async () => {
    const created = await createDestination({ ...validBody, headers: { 'X-Token': 'one' } });
    const patched = await herald.api('PATCH', `/v1/event-destinations/${created.id}`, {
      token: platform.admin,
      body: {
        enabled: false,
        events: ['flow.deleted'],
        headers: { 'X-Token': '********', 'X-Other': 'two' },
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ enabled: false, events: ['flow.deleted'] });
    expect(patched.body.headers).toEqual({ 'X-Token': '********', 'X-Other': '********' });
    expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(created.updatedAt),
    );
  });

  it('reads and rotates the signing secret', async () => {
    const created = await createDestination();
    const secret = await herald.api('GET', `/v1/event-destinations/${created.id}/secret`, {
      token: platform.admin,
    });
    expect(secret.body).toEqual({ signingSecret: created.signingSecret });
    const rotated = await herald.api('POST', `/v1/event-destinations/${created.id}/secret/rotate`, {
      token: platform.admin,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.signingSecret).toMatch(/^whsec_/);
    expect(rotated.body.signingSecret).not.toBe(created.signingSecret);
    const after = await herald.api('GET', `/v1/event-destinations/${created.id}/secret`, {
      token: platform.admin,
    });
    expect(after.body.signingSecret).toBe(rotated.body.signingSecret);
  });

  it('deletes a destination: 204, then 404', async () => {
    const created = await createDestination();
    expect(
      (
        await herald.api('DELETE', `/v1/event-destinations/${created.id}`, {
          token: platform.admin,
        })
      ).status,
    ).toBe(204);
    expect(
      (await herald.api('GET', `/v1/event-destinations/${created.id}`, { token: platform.admin }))
        .status,
    ).toBe(404);
    expect(
      (
        await herald.api('DELETE', `/v1/event-destinations/${created.id}`, {
          token: platform.admin,
        })
      ).status,
    ).toBe(404);
  });

  it('pages through the list with a cursor, newest ids last', async () => {
    const own = await createPlatform(herald.api);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createDestination(validBody, own.admin)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await herald.api('GET', `/v1/event-destinations${query}`, { token: own.admin });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((d: { id: string }) => d.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it("answers 404 for another platform's destination, never 403", async () => {
    const created = await createDestination();
    const other = await createPlatform(herald.api);
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/secret'],
      ['POST', '/secret/rotate'],
    ] as const) {
      const answer = await herald.api(method, `/v1/event-destinations/${created.id}${suffix}`, {
        token: other.admin,
        ...(method === 'PATCH' ? { body: { enabled: false } } : {}),
      });
      expect([method, suffix, answer.status]).toEqual([method, suffix, 404]);
    }
    const list = await herald.api('GET', '/v1/event-destinations', { token: other.admin });
    expect(list.body.data).toEqual([]);
  });
});

describe('event destinations: documented 4xx answers', () => {
  it.each([
    ['http URL', { ...validBody, url: 'http://hooks.example.com/x' }, 'url', 'must use https'],
    ['relative URL', { ...validBody, url: '/hook' }, 'url', 'must be an absolute URL'],
    [
      'credentials in URL',
      { ...validBody, url: 'https://u:p@hooks.example.com' },
      'url',
      'must not contain credentials',
    ],
    [
      'too long URL',
      { ...validBody, url: `https://hooks.example.com/${'a'.repeat(2048)}` },
      'url',
      'at most 2048',
    ],
    ['no events', { ...validBody, events: [] }, 'events', 'at least one'],
    ['unknown event', { ...validBody, events: ['flow.exploded'] }, 'events[0]', 'event type'],
    [
      'duplicate event',
      { ...validBody, events: ['flow.created', 'flow.created'] },
      'events[1]',
      'twice',
    ],
    [
      'reserved header',
      { ...validBody, headers: { 'Webhook-Id': 'x' } },
      'headers.Webhook-Id',
      'cannot be overridden',
    ],
    [
      'header with CRLF',
      { ...validBody, headers: { 'X-A': 'a\r\nX-B: b' } },
      'headers.X-A',
      'CR or LF',
    ],
    ['bad header name', { ...validBody, headers: { 'X A': 'a' } }, 'headers.X A', 'header name'],
    ['bad projectId', { ...validBody, projectId: 'a/b' }, 'projectId', 'characters'],
    ['wrong type', { ...validBody, enabled: 'yes' }, 'enabled', ''],
    ['NUL in description', { ...validBody, description: 'a\u0000b' }, 'description', 'NUL'],
    ['missing url', { events: ['flow.created'] }, 'url', ''],
  ])('refuses %s with 400 naming the field', async (_case, body, path, message) => {
    const answer = await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.type).toMatch(/validation-failed$/);
    const error = answer.body.errors.find((e: { path: string }) => e.path === path);
    expect(error).toBeDefined();
    expect(error.message).toContain(message);
  });

  it('refuses more than 20 custom headers', async () => {
    const headers = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, 'v']));
    const answer = await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { ...validBody, headers },
    });
    expect(answer.status).toBe(400);
  });

  it('answers 400 for malformed JSON, 415 for non-JSON, 413 above 256 KiB', async () => {
    const malformed = await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      rawBody: '{"url":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toMatch(/malformed-json$/);
    const form = await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      rawBody: 'url=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const huge = await herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { ...validBody, description: 'x'.repeat(300 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers 401 without a key, 403 for an ingest key, 404 for unknown ids and routes', async () => {
    expect((await herald.api('GET', '/v1/event-destinations')).status).toBe(401);
    expect(
      (await herald.api('GET', '/v1/event-destinations', { token: platform.ingest })).status,
    ).toBe(403);
    expect(
      (await herald.api('GET', '/v1/event-destinations/dst_nope', { token: platform.admin }))
        .status,
    ).toBe(404);
    expect(
      (await herald.api('GET', '/v1/event-destinations/..%2F..%2Fetc', { token: platform.admin }))
        .status,
    ).toBe(404);
    expect((await herald.api('GET', '/v1/nothing-here', { token: platform.admin })).status).toBe(
      404,
    );
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('refuses list query %s', async (query, path) => {
    const answer = await herald.api('GET', `/v1/event-destinations?${query}`, {
      token: platform.admin,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe(path);
  });

  it('refuses an empty PATCH and an unknown field', async () => {
    const created = await createDestination();
    const empty = await herald.api('PATCH', `/v1/event-destinations/${created.id}`, {
      token: platform.admin,
      body: {},
    });
    expect(empty.status).toBe(400);
    const unknown = await herald.api('PATCH', `/v1/event-destinations/${created.id}`, {
      token: platform.admin,
      body: { signingSecret: 'whsec_x' },
    });
    expect(unknown.status).toBe(400);
  });
});
