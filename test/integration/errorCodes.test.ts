import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { findFreePort } from '../../src/runtime/ports';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';
import { startTarpit } from '../support/receiver';

/**
 * DESIGN §4 `errorCode`: a test delivery and every attempt record say why they did not succeed
 * (`blocked` is covered by ssrf.test.ts, where the SSRF guard is on).
 */
const ctx = useHeraldWithReceiver();
let tarpit: Awaited<ReturnType<typeof startTarpit>>;
let plaintext: http.Server;
beforeAll(async () => {
  tarpit = await startTarpit();
  // Speaks HTTP where HTTPS is expected: the TLS handshake fails.
  plaintext = http.createServer((_req, res) => res.end('not TLS'));
  await new Promise<void>((resolve) => plaintext.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await tarpit?.stop();
  await new Promise((resolve) => plaintext?.close(resolve));
});

it('answers a failed test delivery with its errorCode: http-status, connection, tls, timeout', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/down', [{ status: 500 }]);
  const closedPort = await findFreePort();
  const plaintextPort = (plaintext.address() as AddressInfo).port;
  const cases = [
    ['http-status', ctx.receiver.url('/down')],
    ['connection', `https://localhost:${closedPort}/nobody`],
    ['tls', `https://localhost:${plaintextPort}/plain`],
    ['timeout', tarpit.url('/never')],
  ] as const;
  for (const [errorCode, url] of cases) {
    const answer = await ctx.herald.api('POST', '/v1/event-destinations/test', {
      token: platform.admin,
      body: { url },
    });
    expect(answer.status).toBe(200);
    expect({ url, ok: answer.body.ok, errorCode: answer.body.errorCode }).toEqual({
      url,
      ok: false,
      errorCode,
    });
  }
  const succeeded = await ctx.herald.api('POST', '/v1/event-destinations/test', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/fine') },
  });
  expect(succeeded.body.ok).toBe(true);
  expect(succeeded.body.errorCode).toBeUndefined();
});

it('records each attempt’s errorCode, and none for the one that succeeded', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/flaky', [{ status: 503 }]);
  const created = await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/flaky'), events: ['flow.created'] },
  });
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  const delivery = await eventually(async () => {
    const list = await ctx.herald.api(
      'GET',
      `/v1/event-destinations/${created.body.id}/deliveries`,
      { token: platform.admin },
    );
    expect(list.body.data[0]?.status).toBe('succeeded');
    return list.body.data[0];
  });
  const detail = await ctx.herald.api('GET', `/v1/deliveries/${delivery.id}`, {
    token: platform.admin,
  });
  expect(
    detail.body.attempts.map((attempt: { errorCode?: string }) => attempt.errorCode ?? null),
  ).toEqual(['http-status', null]);
});
