import { createHttpSender } from '../../src/delivery/httpSender';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { startReceiver, type Receiver } from '../support/receiver';

/**
 * With HERALD_ALLOW_PRIVATE_NETWORKS off, no form of a loopback address reaches the receiver
 * listening on 127.0.0.1. (Only loopback forms are tried here: if the guard ever broke, the
 * traffic would still stay on this machine.)
 */
let herald: TestHerald;
let receiver: Receiver;
let platform: Awaited<ReturnType<typeof createPlatform>>;
beforeAll(async () => {
  [herald, receiver] = await Promise.all([
    startTestHerald({ env: { HERALD_ALLOW_PRIVATE_NETWORKS: 'false' } }),
    startReceiver(),
  ]);
  platform = await createPlatform(herald.api);
});
afterAll(async () => {
  await herald.stop();
  await receiver.stop();
});

const port = () => new URL(receiver.url('/')).port;
const LOOPBACK_FORMS = [
  'localhost',
  '127.0.0.1',
  '127.1',
  '2130706433',
  '0x7f000001',
  '0177.0.0.1',
  '0x7f.0.0.1',
  '017700000001',
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
];

it.each(LOOPBACK_FORMS)('refuses a test delivery to https://%s', async (host) => {
  const answer = await herald.api('POST', '/v1/event-destinations/test', {
    token: platform.admin,
    body: { url: `https://${host}:${port()}/ssrf` },
  });
  expect(answer.status).toBe(200);
  expect(answer.body.ok).toBe(false);
  expect(answer.body.error).toMatch(/^refused: /);
  expect(answer.body.errorCode).toBe('blocked');
  expect(receiver.requests('/ssrf')).toHaveLength(0);
});

it('records a refused delivery as one failed attempt, without retrying', async () => {
  const destination = await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: `https://localhost:${port()}/ssrf-delivery`, events: ['flow.created'] },
  });
  await herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  const delivery = await eventually(async () => {
    const list = await herald.api(
      'GET',
      `/v1/event-destinations/${destination.body.id}/deliveries`,
      {
        token: platform.admin,
      },
    );
    expect(list.body.data[0]?.status).toBe('failed');
    return list.body.data[0];
  });
  const detail = await herald.api('GET', `/v1/deliveries/${delivery.id}`, {
    token: platform.admin,
  });
  expect(detail.body.attempts).toHaveLength(1);
  expect(detail.body.attempts[0].error).toMatch(/^refused: .*loopback/);
  expect(detail.body.attempts[0].errorCode).toBe('blocked');
  expect(receiver.requests('/ssrf-delivery')).toHaveLength(0);
});

it('connects to the address it checked even when DNS rebinds between calls', async () => {
  // 127.0.0.2 plays a public address; the receiver listens on 127.0.0.1 only.
  let calls = 0;
  const sender = createHttpSender({
    allowHttp: false,
    ssrfGuard: {
      resolve: async () => {
        calls += 1;
        return [{ address: calls % 2 === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
      },
      isForbidden: (address) => (address === '127.0.0.1' ? 'loopback' : undefined),
    },
  });
  try {
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(
        await sender.send({
          url: `https://rebind.test:${port()}/rebind`,
          headers: {},
          body: '{}',
          timeoutMs: 2_000,
        }),
      );
    }
    expect(results.map((result) => result.kind)).toEqual(['error', 'refused', 'error', 'refused']);
    expect(calls).toBe(4);
    expect(receiver.requests('/rebind')).toHaveLength(0);
  } finally {
    await sender.close();
  }
});
