import { Client, Connection } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import { startReceiver, type Receiver } from '../support/receiver';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { eventually } from '../support/eventually';

let herald: TestHerald;
let receiver: Receiver;
let platform: Awaited<ReturnType<typeof createPlatform>>;
let pathCounter = 0;

beforeAll(async () => {
  [herald, receiver] = await Promise.all([startTestHerald(), startReceiver()]);
  platform = await createPlatform(herald.api);
});
afterAll(async () => {
  await herald.stop();
  await receiver.stop();
});

function uniquePath(): string {
  pathCounter += 1;
  return `/hook/${pathCounter}`;
}

async function createDestination(body: Record<string, unknown>, token = platform.admin) {
  const answer = await herald.api('POST', '/v1/event-destinations', { token, body });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; signingSecret: string };
}

async function ingest(body: Record<string, unknown>, token = platform.ingest) {
  return herald.api('POST', '/v1/events', { token, body });
}

async function deliveriesOf(destinationId: string) {
  const answer = await herald.api('GET', `/v1/event-destinations/${destinationId}/deliveries`, {
    token: platform.admin,
  });
  expect(answer.status).toBe(200);
  return answer.body.data as { id: string; status: string; attemptCount: number }[];
}

async function settledDelivery(destinationId: string, status: string) {
  return eventually(async () => {
    const [delivery] = await deliveriesOf(destinationId);
    expect(delivery?.status).toBe(status);
    return delivery!;
  });
}

describe('ingest and fan-out', () => {
  it('delivers a signed event that the standardwebhooks package verifies', async () => {
    const path = uniquePath();
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.created'],
      headers: { 'X-Customer': 'acme' },
    });
    const accepted = await ingest({
      id: 'evt-signed-1',
      type: 'flow.created',
      projectId: 'p1',
      data: { flowId: 'f1' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({
      id: 'evt-signed-1',
      workflowId: `event:${platform.id}:evt-signed-1`,
      duplicate: false,
    });

    const [request] = await eventually(() => {
      const requests = receiver.requests(path);
      expect(requests).toHaveLength(1);
      return requests;
    });
    const verified = new Webhook(destination.signingSecret).verify(request!.body, request!.headers);
    expect(verified).toEqual({
      id: 'evt-signed-1',
      type: 'flow.created',
      timestamp: expect.any(String),
      platformId: platform.id,
      projectId: 'p1',
      data: { flowId: 'f1' },
    });
    expect(request!.headers['webhook-id']).toBe('evt-signed-1');
    expect(request!.headers['x-customer']).toBe('acme');
    expect(request!.headers['user-agent']).toMatch(/^Herald\//);
    expect(request!.headers['content-type']).toBe('application/json');
    await settledDelivery(destination.id, 'succeeded');
  });

  it('delivers only subscribed types, never to disabled or other platforms’ destinations', async () => {
    const subscribed = uniquePath();
    const otherType = uniquePath();
    const disabled = uniquePath();
    const foreign = uniquePath();
    const otherProject = uniquePath();
    const other = await createPlatform(herald.api);
    await createDestination({ url: receiver.url(subscribed), events: ['user.signed.in'] });
    await createDestination({ url: receiver.url(otherType), events: ['user.signed.up'] });
    await createDestination({
      url: receiver.url(disabled),
      events: ['user.signed.in'],
      enabled: false,
    });
    await createDestination({
      url: receiver.url(otherProject),
      events: ['user.signed.in'],
      projectId: 'other',
    });
    await createDestination(
      { url: receiver.url(foreign), events: ['user.signed.in'] },
      other.admin,
    );

    const accepted = await ingest({
      type: 'user.signed.in',
      projectId: 'mine',
      data: { userId: 'u1' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.id).toMatch(/^evt_/);
    await eventually(() => expect(receiver.requests(subscribed)).toHaveLength(1));
    const event = await eventually(async () => {
      const answer = await herald.api('GET', `/v1/events/${accepted.body.id}`, {
        token: platform.admin,
      });
      expect(answer.body.deliveries).toHaveLength(1);
      expect(answer.body.deliveries[0].status).toBe('succeeded');
      return answer.body;
    });
    expect(event).toMatchObject({
      id: accepted.body.id,
      type: 'user.signed.in',
      projectId: 'mine',
    });
    for (const path of [otherType, disabled, foreign, otherProject])
      expect(receiver.requests(path)).toHaveLength(0);
  });

  it('delivers a duplicate ingest once', async () => {
    const path = uniquePath();
    await createDestination({ url: receiver.url(path), events: ['folder.created'] });
    const first = await ingest({ id: 'dup-1', type: 'folder.created', data: {} });
    const second = await ingest({ id: 'dup-1', type: 'folder.created', data: {} });
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    await eventually(() => expect(receiver.requests(path)).toHaveLength(1));
    const event = await herald.api('GET', '/v1/events/dup-1', { token: platform.admin });
    expect(event.body.deliveries).toHaveLength(1);
  });

  it.each([
    ['unknown type', { type: 'flow.exploded', data: {} }, 'type'],
    ['data not an object', { type: 'flow.created', data: [1] }, 'data'],
    ['missing data', { type: 'flow.created' }, 'data'],
    ['bad id', { id: 'a b', type: 'flow.created', data: {} }, 'id'],
    ['too long id', { id: 'a'.repeat(129), type: 'flow.created', data: {} }, 'id'],
    ['bad occurredAt', { type: 'flow.created', occurredAt: 'yesterday', data: {} }, 'occurredAt'],
    ['NUL in data', { type: 'flow.created', data: { a: 'x\u0000' } }, 'data'],
  ])('refuses an event with %s (400)', async (_case, body, path) => {
    const answer = await ingest(body);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses ingest with an admin key (403) and events reads with an ingest key (403)', async () => {
    expect((await ingest({ type: 'flow.created', data: {} }, platform.admin)).status).toBe(403);
    expect((await herald.api('GET', '/v1/events/x', { token: platform.ingest })).status).toBe(403);
    expect((await herald.api('GET', '/v1/events/missing', { token: platform.admin })).status).toBe(
      404,
    );
  });
});

describe('retries', () => {
  it('retries 500, 500 then 200: three attempts on record, one webhook-id', async () => {
    const path = uniquePath();
    receiver.script(path, [{ status: 500, body: 'boom' }, { status: 500 }]);
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.updated'],
    });
    await ingest({ id: 'retry-1', type: 'flow.updated', data: {} });
    const delivery = await settledDelivery(destination.id, 'succeeded');
    const requests = receiver.requests(path);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set(['retry-1']));

    const detail = await herald.api('GET', `/v1/deliveries/${delivery.id}`, {
      token: platform.admin,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
      500, 500, 200,
    ]);
    expect(detail.body.attempts[0]).toMatchObject({
      attempt: 1,
      responseBody: 'boom',
      durationMs: expect.any(Number),
    });
    expect(detail.body.temporal).toEqual({
      workflowId: `event:${platform.id}:retry-1`,
      uiUrl: `http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(`event:${platform.id}:retry-1`)}`,
    });
  });

  it('stops on 410 Gone and disables the destination', async () => {
    const path = uniquePath();
    receiver.script(path, [{ status: 410 }]);
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.deleted'],
    });
    await ingest({ type: 'flow.deleted', data: {} });
    await settledDelivery(destination.id, 'failed');
    const after = await herald.api('GET', `/v1/event-destinations/${destination.id}`, {
      token: platform.admin,
    });
    expect(after.body).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('410'),
    });
    expect(after.body.disabledAt).not.toBeNull();
    expect(receiver.requests(path)).toHaveLength(1);
  });

  it('waits as long as Retry-After asks on 429', async () => {
    const path = uniquePath();
    receiver.script(path, [{ status: 429, headers: { 'retry-after': '2' } }]);
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.run.started'],
    });
    await ingest({ type: 'flow.run.started', data: {} });
    await settledDelivery(destination.id, 'succeeded');
    const [first, second] = receiver.requests(path);
    // The policy alone would retry after 200 ms; Retry-After asks for 2 s.
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1900);
  });

  it('stops retrying when the destination is deleted', async () => {
    const path = uniquePath();
    receiver.script(
      path,
      Array.from({ length: 1000 }, () => ({ status: 500 })),
    );
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.run.finished'],
    });
    const event = await ingest({ type: 'flow.run.finished', data: {} });
    await eventually(() => expect(receiver.requests(path).length).toBeGreaterThanOrEqual(2));
    await herald.api('DELETE', `/v1/event-destinations/${destination.id}`, {
      token: platform.admin,
    });
    await settledDelivery(destination.id, 'cancelled');
    const countAfterCancel = receiver.requests(path).length;
    // The workflow ends once its next attempt finds the destination gone, without sending it.
    const connection = await Connection.connect({ address: herald.temporalAddress });
    try {
      const summary = await new Client({ connection }).workflow
        .getHandle(`event:${platform.id}:${event.body.id}`)
        .result();
      expect(summary).toEqual({ deliveries: 1, succeeded: 0, failed: 0, cancelled: 1 });
    } finally {
      await connection.close();
    }
    // At most the attempt that was already on the wire when the delete landed.
    expect(receiver.requests(path).length).toBeLessThanOrEqual(countAfterCancel + 1);
  });

  it('gives up after HERALD_RETRY_MAX_ATTEMPTS and can be redelivered', async () => {
    const capped = await startTestHerald({ env: { HERALD_RETRY_MAX_ATTEMPTS: '2' } });
    try {
      const own = await createPlatform(capped.api);
      const path = uniquePath();
      receiver.script(path, [{ status: 500 }, { status: 502 }]);
      const created = await capped.api('POST', '/v1/event-destinations', {
        token: own.admin,
        body: { url: receiver.url(path), events: ['connection.upserted'] },
      });
      await capped.api('POST', '/v1/events', {
        token: own.ingest,
        body: { type: 'connection.upserted', data: {} },
      });
      const delivery = await eventually(async () => {
        const list = await capped.api(
          'GET',
          `/v1/event-destinations/${created.body.id}/deliveries?status=failed`,
          {
            token: own.admin,
          },
        );
        expect(list.body.data).toHaveLength(1);
        return list.body.data[0];
      });
      expect(delivery.attemptCount).toBe(2);
      const redelivered = await capped.api('POST', `/v1/deliveries/${delivery.id}/redeliver`, {
        token: own.admin,
      });
      expect(redelivered.status).toBe(202);
      await eventually(async () => {
        const detail = await capped.api('GET', `/v1/deliveries/${delivery.id}`, {
          token: own.admin,
        });
        expect(detail.body.status).toBe('succeeded');
        expect(detail.body.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
          500, 502, 200,
        ]);
        expect(detail.body.temporal.workflowId).toMatch(/^redeliver:/);
      });
    } finally {
      await capped.stop();
    }
  });
});

describe('test deliveries', () => {
  it('tests a URL against a live receiver and reports the rendered body', async () => {
    const path = uniquePath();
    const answer = await herald.api('POST', '/v1/event-destinations/test', {
      token: platform.admin,
      body: { url: receiver.url(path), headers: { 'X-Check': 'yes' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, status: 200, durationMs: expect.any(Number) });
    expect(JSON.parse(answer.body.renderedBody)).toMatchObject({
      type: 'flow.created',
      platformId: platform.id,
    });
    expect(receiver.requests(path)).toHaveLength(1);
    expect(receiver.requests(path)[0]!.headers['x-check']).toBe('yes');
  });

  it('reports a dead receiver as ok: false with a readable error, not a 5xx', async () => {
    const answer = await herald.api('POST', '/v1/event-destinations/test', {
      token: platform.admin,
      body: { url: 'https://127.0.0.1:1/hook', event: 'user.signed.up' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error).toMatch(/ECONNREFUSED/);
  });

  it("tests a saved destination with its own secret, and 404s another platform's", async () => {
    const path = uniquePath();
    receiver.script(path, [{ status: 503 }]);
    const destination = await createDestination({
      url: receiver.url(path),
      events: ['flow.created'],
    });
    const answer = await herald.api('POST', `/v1/event-destinations/${destination.id}/test`, {
      token: platform.admin,
      body: { event: 'signing.key.created' },
    });
    expect(answer.body).toMatchObject({ ok: false, status: 503 });
    const [request] = receiver.requests(path);
    expect(() =>
      new Webhook(destination.signingSecret).verify(request!.body, request!.headers),
    ).not.toThrow();
    const other = await createPlatform(herald.api);
    const foreign = await herald.api('POST', `/v1/event-destinations/${destination.id}/test`, {
      token: other.admin,
    });
    expect(foreign.status).toBe(404);
  });
});
