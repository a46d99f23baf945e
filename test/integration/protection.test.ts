import { Writable } from 'node:stream';
import { Webhook } from 'standardwebhooks';
import { eventually } from '../support/eventually';
import {
  createPlatform,
  startTestHerald,
  type ApiCall,
  TEST_ROOT_TOKEN,
  type TestHerald,
} from '../support/herald';
import { startReceiver, type Receiver } from '../support/receiver';

let herald: TestHerald;
let receiver: Receiver;
const logLines: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  herald = await startTestHerald({
    env: { LOG_LEVEL: 'trace', HERALD_RATE_LIMIT_ADMIN: '5', HERALD_RATE_LIMIT_INGEST: '5' },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  });
});
afterAll(async () => {
  await herald.stop();
  await receiver.stop();
});

/**
 * The root token has the admin limit (5 a second) here too: tests that only need a platform
 * wait out a 429 the tests before them provoked on purpose, as a client should.
 */
const patientApi: ApiCall = async (...call) => {
  for (;;) {
    const answer = await herald.api(...call);
    if (answer.status !== 429) return answer;
    await new Promise((resolve) =>
      setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000),
    );
  }
};

it('limits each key to its rate with 429 and Retry-After, leaving other keys alone', async () => {
  const platform = await createPlatform(herald.api);
  const answers = [];
  for (let i = 0; i < 8; i++)
    answers.push(await herald.api('GET', '/v1/event-destinations', { token: platform.admin }));
  const limited = answers.find((answer) => answer.status === 429);
  expect(limited).toBeDefined();
  expect(limited!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  expect(limited!.body.type).toMatch(/rate-limited$/);
  const other = await createPlatform(herald.api);
  expect((await herald.api('GET', '/v1/event-destinations', { token: other.admin })).status).toBe(
    200,
  );
});

it('limits a platform across its keys: more ingest keys do not multiply its rate', async () => {
  const platform = await createPlatform(herald.api);
  const keys = [platform.ingest];
  for (let n = 0; n < 3; n++) {
    const created = await herald.api('POST', `/v1/platforms/${platform.id}/api-keys`, {
      token: TEST_ROOT_TOKEN,
      body: { role: 'ingest' },
    });
    keys.push(created.body.key);
  }
  const statuses = [];
  // 4 keys × 3 calls each: within each key's limit of 5, twice the platform's.
  for (let i = 0; i < 12; i++) {
    const answer = await herald.api('POST', '/v1/events', {
      token: keys[i % keys.length],
      body: { type: 'flow.created', data: {} },
    });
    statuses.push(answer.status);
  }
  expect(statuses.filter((status) => status === 202).length).toBeLessThanOrEqual(6);
  expect(statuses).toContain(429);
});

it('sends security headers on every answer', async () => {
  const answer = await herald.api('GET', '/health/live');
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('x-powered-by')).toBeNull();
  expect(answer.headers.get('strict-transport-security')).toBeDefined();
});

it('signs with the old and the new secret for a day after a rotation; both verify', async () => {
  const platform = await createPlatform(patientApi);
  const created = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/rotated'), events: ['signing.key.created'] },
  });
  const rotated = await herald.api(
    'POST',
    `/v1/event-destinations/${created.body.id}/secret/rotate`,
    {
      token: platform.admin,
    },
  );
  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'signing.key.created', data: { keyId: 'k1' } },
  });
  const [request] = await eventually(() => {
    expect(receiver.requests('/rotated')).toHaveLength(1);
    return receiver.requests('/rotated');
  });
  expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
  for (const secret of [created.body.signingSecret, rotated.body.signingSecret]) {
    expect(new Webhook(secret).verify(request!.body, request!.headers)).toMatchObject({
      data: { keyId: 'k1' },
    });
  }
});

it('logs each request and attempt as one JSON line, and never a secret', async () => {
  const platform = await createPlatform(patientApi, { name: 'Logged' });
  const headerSecret = 'hdr-value-that-must-not-be-logged';
  const created = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: {
      url: receiver.url('/logged'),
      events: ['user.password.reset'],
      headers: { Authorization: headerSecret },
    },
  });
  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'user.password.reset', data: {} },
  });
  await eventually(() => expect(receiver.requests('/logged')).toHaveLength(1));
  await herald.api('POST', `/v1/event-destinations/${created.body.id}/test`, {
    token: platform.admin,
  });

  const logs = logLines.join('');
  const entries = logs
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const ingestLine = entries.find(
    (entry) => entry.msg === 'request' && entry.status === 202 && entry.platformId === platform.id,
  );
  expect(ingestLine).toMatchObject({
    level: 30,
    method: 'POST',
    path: '/v1/events',
    platformId: platform.id,
    requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    durationMs: expect.any(Number),
  });
  const attemptLine = entries.find(
    (entry) => entry.msg === 'delivery attempt' && entry.destinationId === created.body.id,
  );
  expect(attemptLine).toMatchObject({
    eventId: expect.any(String),
    deliveryId: expect.stringMatching(/^dlv_/),
    attempt: 1,
    statusCode: 200,
    outcome: 'succeeded',
    durationMs: expect.any(Number),
  });
  for (const secret of [
    created.body.signingSecret,
    created.body.signingSecret.slice('whsec_'.length),
    headerSecret,
    platform.admin,
    platform.admin.split('.')[1],
    platform.ingest.split('.')[1],
    TEST_ROOT_TOKEN,
    herald.env.HERALD_SECRET_KEY,
  ]) {
    expect(logs).not.toContain(secret);
  }
});
