import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/**
 * DESIGN §3 operational events: Herald tells a platform's other destinations when it disables
 * one or a delivery fails for good — through the same stream, never to the destination concerned.
 */
const ctx = useHeraldWithReceiver({ env: { HERALD_RETRY_MAX_ATTEMPTS: '2' } });
const { db } = useStoreClients();

const OPERATIONAL = ['herald.destination.disabled', 'herald.delivery.failed'];

async function createDestination(token: string, body: Record<string, unknown>) {
  const created = await ctx.herald.api('POST', '/v1/event-destinations', { token, body });
  expect(created.status).toBe(201);
  return created.body;
}

const bodiesAt = (path: string) =>
  ctx.receiver.requests(path).map((request) => JSON.parse(request.body));

async function settled(platformId: string) {
  await eventually(async () => {
    const pending = await db('deliveries').where({ platform_id: platformId, status: 'pending' });
    expect(pending).toEqual([]);
  });
}

it('a destination disabled by 410 raises one herald.destination.disabled at another destination and none at itself', async () => {
  const platform = await createPlatform(ctx.herald.api);
  // A token in the query string must not travel on to the other destination.
  ctx.receiver.script('/gone?token=s3cret', [{ status: 410 }]);
  const gone = await createDestination(platform.admin, {
    url: ctx.receiver.url('/gone?token=s3cret'),
    events: ['flow.deleted', ...OPERATIONAL],
  });
  await createDestination(platform.admin, {
    url: ctx.receiver.url('/ops'),
    events: OPERATIONAL,
  });
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'deleted-1', type: 'flow.deleted', data: {} },
  });
  expect(accepted.status).toBe(202);

  await eventually(() =>
    expect(bodiesAt('/ops').map((body) => body.type)).toEqual(expect.arrayContaining(OPERATIONAL)),
  );
  await settled(platform.id);
  const notices = bodiesAt('/ops');
  const disabled = notices.filter((body) => body.type === 'herald.destination.disabled');
  expect(disabled).toHaveLength(1);
  expect(disabled[0]).toMatchObject({
    platformId: platform.id,
    data: {
      destinationId: gone.id,
      url: ctx.receiver.url('/gone'),
      reason: expect.stringContaining('410'),
    },
  });
  const failed = notices.filter((body) => body.type === 'herald.delivery.failed');
  expect(failed).toHaveLength(1);
  expect(failed[0].data).toMatchObject({
    eventId: 'deleted-1',
    eventType: 'flow.deleted',
    destinationId: gone.id,
    attempts: 1,
    lastError: expect.stringContaining('410'),
  });
  // The destination concerned got the event that failed and nothing about itself.
  expect(bodiesAt('/gone?token=s3cret').map((body) => body.type)).toEqual(['flow.deleted']);
  const aboutItself = await db('deliveries')
    .join('events', function joinEvent() {
      this.on('events.platform_id', 'deliveries.platform_id').andOn(
        'events.id',
        'deliveries.event_id',
      );
    })
    .where({ 'deliveries.destination_id': gone.id })
    .whereIn('events.type', OPERATIONAL);
  expect(aboutItself).toEqual([]);
});

it('a delivery whose retry policy gives up raises herald.delivery.failed with its attempts and last error', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/down', [
    { status: 503, body: 'down' },
    { status: 503, body: 'down' },
  ]);
  // It subscribes to failures too, and must not hear about its own.
  const down = await createDestination(platform.admin, {
    url: ctx.receiver.url('/down'),
    events: ['user.signed.in', 'herald.delivery.failed'],
  });
  await createDestination(platform.admin, {
    url: ctx.receiver.url('/alerts'),
    events: ['herald.delivery.failed'],
  });
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'signin-1', type: 'user.signed.in', projectId: 'proj-1', data: {} },
  });
  await eventually(() => expect(bodiesAt('/alerts')).toHaveLength(1));
  await settled(platform.id);
  const [notice] = bodiesAt('/alerts');
  expect(notice).toMatchObject({
    type: 'herald.delivery.failed',
    projectId: 'proj-1',
    data: { eventId: 'signin-1', destinationId: down.id, attempts: 2 },
  });
  expect(notice.data.lastError).toMatch(/503/);
  const stored = await db('deliveries').where({ destination_id: down.id }).first();
  expect(notice.data.deliveryId).toBe(stored.id);
  // Still enabled: one failed delivery is not a broken destination.
  const after = await ctx.herald.api('GET', `/v1/event-destinations/${down.id}`, {
    token: platform.admin,
  });
  expect(after.body.enabled).toBe(true);
  expect(bodiesAt('/down').map((body) => body.type)).toEqual(['user.signed.in', 'user.signed.in']);
});

it('a failed delivery of an operational event raises no further one', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/gone-2', [{ status: 410 }]);
  ctx.receiver.script('/ops-down', [{ status: 500 }, { status: 500 }]);
  await createDestination(platform.admin, {
    url: ctx.receiver.url('/gone-2'),
    events: ['folder.created'],
  });
  const opsDown = await createDestination(platform.admin, {
    url: ctx.receiver.url('/ops-down'),
    events: ['herald.destination.disabled'],
  });
  await createDestination(platform.admin, {
    url: ctx.receiver.url('/ops-watch'),
    events: ['herald.delivery.failed'],
  });
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'folder.created', data: {} },
  });
  await eventually(async () => {
    const failed = await db('deliveries').where({ destination_id: opsDown.id, status: 'failed' });
    expect(failed).toHaveLength(1);
  });
  await eventually(() => expect(bodiesAt('/ops-watch')).toHaveLength(1));
  await settled(platform.id);
  // One notice: the folder.created delivery to the gone destination. The failed delivery of the
  // disabled notice to /ops-down raised nothing.
  expect(bodiesAt('/ops-watch')[0].data.eventType).toBe('folder.created');
  const operational = await db('events')
    .where({ platform_id: platform.id })
    .whereIn('type', OPERATIONAL);
  expect(operational.map((event) => event.type).sort()).toEqual(OPERATIONAL.slice().sort());
});

it('refuses operational types from a platform with 400 naming the type', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const answer = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'herald.destination.disabled', data: { destinationId: 'dst_x' } },
  });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ path: 'type', message: expect.stringMatching(/Herald emits it/) }),
  ]);
  const types = await ctx.herald.api('GET', '/v1/event-types', { token: platform.admin });
  expect(types.body.data).toEqual(
    expect.arrayContaining(
      OPERATIONAL.map((name) => expect.objectContaining({ name, group: 'herald' })),
    ),
  );
});
