import { EVENT_CATALOG } from '../../src/events/catalog';
import {
  createPlatform,
  startTestHerald,
  TEST_ROOT_TOKEN,
  type TestHerald,
} from '../support/herald';

let herald: TestHerald;
beforeAll(async () => {
  herald = await startTestHerald();
});
afterAll(() => herald.stop());

describe('health', () => {
  it('is live and ready when Postgres and Temporal answer', async () => {
    expect((await herald.api('GET', '/health/live')).status).toBe(200);
    const ready = await herald.api('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'ok' });
  });
});

describe('platforms and API keys', () => {
  it('creates a platform with an admin and an ingest key shown once', async () => {
    const answer = await herald.api('POST', '/v1/platforms', {
      token: TEST_ROOT_TOKEN,
      body: { name: 'Acme' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.platform).toEqual({
      id: expect.stringMatching(/^plt_/),
      name: 'Acme',
      eventStreamingEnabled: true,
      createdAt: expect.any(String),
    });
    expect(answer.body.apiKeys.admin).toMatch(/^key_/);
    expect(answer.body.apiKeys.ingest).toMatch(/^key_/);
    const types = await herald.api('GET', '/v1/event-types', { token: answer.body.apiKeys.ingest });
    expect(types.status).toBe(200);
    expect(types.body.data).toHaveLength(EVENT_CATALOG.length);
  });

  it('renames a platform and turns event streaming off and on', async () => {
    const platform = await createPlatform(herald.api);
    const patched = await herald.api('PATCH', `/v1/platforms/${platform.id}`, {
      token: TEST_ROOT_TOKEN,
      body: { name: 'Renamed', eventStreamingEnabled: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', eventStreamingEnabled: false });
    const gated = await herald.api('GET', '/v1/event-destinations', { token: platform.admin });
    expect(gated.status).toBe(403);
    expect(gated.body.type).toMatch(/feature-disabled$/);
    expect(gated.body.detail).toBe(
      'Event streaming requires an enterprise plan with audit logs enabled',
    );
    const ingest = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: {} },
    });
    expect(ingest.status).toBe(403);
  });

  it('issues and revokes extra keys', async () => {
    const platform = await createPlatform(herald.api);
    const issued = await herald.api('POST', `/v1/platforms/${platform.id}/api-keys`, {
      token: TEST_ROOT_TOKEN,
      body: { role: 'admin' },
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      id: expect.stringMatching(/^key_/),
      role: 'admin',
      key: expect.any(String),
    });
    expect(
      (await herald.api('GET', '/v1/event-destinations', { token: issued.body.key })).status,
    ).toBe(200);
    const revoked = await herald.api(
      'DELETE',
      `/v1/platforms/${platform.id}/api-keys/${issued.body.id}`,
      {
        token: TEST_ROOT_TOKEN,
      },
    );
    expect(revoked.status).toBe(204);
    expect(
      (await herald.api('GET', '/v1/event-destinations', { token: issued.body.key })).status,
    ).toBe(401);
    const again = await herald.api(
      'DELETE',
      `/v1/platforms/${platform.id}/api-keys/${issued.body.id}`,
      {
        token: TEST_ROOT_TOKEN,
      },
    );
    expect(again.status).toBe(404);
  });

  it.each([
    ['no name', { eventStreamingEnabled: true }, 'name'],
    ['empty name', { name: '  ' }, 'name'],
    ['wrong type', { name: 'A', eventStreamingEnabled: 'yes' }, 'eventStreamingEnabled'],
    ['unknown field', { name: 'A', plan: 'gold' }, ''],
  ])('refuses a platform with %s (400 naming the field)', async (_case, body, field) => {
    const answer = await herald.api('POST', '/v1/platforms', { token: TEST_ROOT_TOKEN, body });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('answers 401 without a valid token and 403 for a platform key', async () => {
    const platform = await createPlatform(herald.api);
    expect((await herald.api('POST', '/v1/platforms', { body: { name: 'x' } })).status).toBe(401);
    expect(
      (await herald.api('POST', '/v1/platforms', { token: 'wrong', body: { name: 'x' } })).status,
    ).toBe(401);
    const forbidden = await herald.api('POST', '/v1/platforms', {
      token: platform.admin,
      body: { name: 'x' },
    });
    expect(forbidden.status).toBe(403);
    expect((await herald.api('GET', '/v1/event-types', { token: TEST_ROOT_TOKEN })).status).toBe(
      403,
    );
  });

  it('answers the same 401 for an unknown key id and a wrong secret', async () => {
    const platform = await createPlatform(herald.api);
    const [keyId] = platform.admin.split('.');
    const wrongSecret = await herald.api('GET', '/v1/event-destinations', {
      token: `${keyId}.wrong`,
    });
    const unknownKey = await herald.api('GET', '/v1/event-destinations', {
      token: `key_00000000000000000000000000.${platform.admin.split('.')[1]}`,
    });
    expect(wrongSecret.status).toBe(401);
    expect(unknownKey.body).toEqual(wrongSecret.body);
  });

  it('answers 404 for a platform that does not exist', async () => {
    const answer = await herald.api('PATCH', '/v1/platforms/plt_00000000000000000000000000', {
      token: TEST_ROOT_TOKEN,
      body: { name: 'x' },
    });
    expect(answer.status).toBe(404);
    const badRole = await herald.api(
      'POST',
      '/v1/platforms/plt_00000000000000000000000000/api-keys',
      {
        token: TEST_ROOT_TOKEN,
        body: { role: 'owner' },
      },
    );
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors[0].path).toBe('role');
  });
});
