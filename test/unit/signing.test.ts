import { Webhook } from 'standardwebhooks';
import { classifyResponse, MIN_RETRY_AFTER_MS, parseRetryAfter } from '../../src/delivery/classify';
import { outboundHeaders } from '../../src/delivery/outbound';
import { signatureHeader, signPayload } from '../../src/delivery/signature';
import { newSigningSecret } from '../../src/destinations/signingSecret';

describe('Standard Webhooks signing', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'flow.created', data: { a: 1 } });

  it('matches the specification test vector', () => {
    // From the Standard Webhooks specification's reference implementations.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"test": 2432232314}';
    expect(signPayload(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('produces headers that the standardwebhooks package verifies', () => {
    const secret = newSigningSecret();
    const headers = outboundHeaders({
      webhookId: 'evt_1',
      signedPayload: body,
      secrets: [secret],
      customHeaders: {},
      now: new Date(),
    });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with every live secret during a rotation, so either verifies', () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const headers = outboundHeaders({
      webhookId: 'evt_1',
      signedPayload: body,
      secrets: [newSecret, oldSecret],
      customHeaders: {},
      now: new Date(),
    });
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow();
  });

  it('leaves out a stored custom header the rules now refuse, keeping the others', () => {
    const headers = outboundHeaders({
      webhookId: 'evt_1',
      signedPayload: body,
      secrets: [newSigningSecret()],
      customHeaders: { 'Transfer-Encoding': 'chunked', Expect: '100-continue', 'x-extra': '1' },
      now: new Date(0),
    });
    expect(headers['Transfer-Encoding']).toBeUndefined();
    expect(headers.Expect).toBeUndefined();
    expect(headers['x-extra']).toBe('1');
  });

  it('keeps Herald’s own headers when custom ones collide', () => {
    const headers = outboundHeaders({
      webhookId: 'evt_1',
      signedPayload: body,
      secrets: [newSigningSecret()],
      customHeaders: { 'webhook-id': 'forged', 'x-extra': '1' },
      now: new Date(0),
    });
    expect(headers['webhook-id']).toBe('evt_1');
    expect(headers['webhook-timestamp']).toBe('0');
    expect(headers['x-extra']).toBe('1');
  });

  it('separates signatures with single spaces', () => {
    expect(signatureHeader(['whsec_AAAA', 'whsec_BBBB'], 'id', 1, 'b')).toMatch(/^v1,\S+ v1,\S+$/);
  });
});

describe('classifyResponse', () => {
  const options = { now: new Date('2026-01-01T00:00:00Z'), maxIntervalMs: 60_000 };
  it.each([200, 201, 204, 299])('%i succeeds', (status) =>
    expect(classifyResponse(status, undefined, options)).toEqual({ kind: 'succeeded' }),
  );
  it('410 is gone', () =>
    expect(classifyResponse(410, undefined, options)).toEqual({ kind: 'gone' }));
  it.each([301, 302, 400, 401, 404, 408, 500, 502, 504])('%i retries on the policy', (status) =>
    expect(classifyResponse(status, '10', options)).toEqual({
      kind: 'retry',
      reason: `receiver answered ${status}`,
    }),
  );
  it.each([429, 503])('%i with Retry-After retries after that delay', (status) =>
    expect(classifyResponse(status, '7', options)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 7_000,
    }),
  );
  it('caps Retry-After at the maximum interval', () =>
    expect(classifyResponse(429, '86400', options)).toMatchObject({ retryAfterMs: 60_000 }));
  it.each(['0', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
    'waits the shortest retry delay for a Retry-After of %s, never zero',
    (header) =>
      expect(classifyResponse(503, header, options)).toMatchObject({
        retryAfterMs: MIN_RETRY_AFTER_MS,
      }),
  );
  it('ignores a malformed Retry-After', () =>
    expect(classifyResponse(503, 'soon', options)).toEqual({
      kind: 'retry',
      reason: 'receiver answered 503',
    }));
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('reads seconds', () => expect(parseRetryAfter('120', now)).toBe(120_000));
  it('reads an HTTP date', () =>
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000));
  it('treats a past date as now', () =>
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0));
  it.each([undefined, '', '-5', '1.5', 'tomorrow'])('ignores %j', (value) =>
    expect(parseRetryAfter(value, now)).toBeUndefined(),
  );
});
