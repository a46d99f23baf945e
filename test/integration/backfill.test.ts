import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** DESIGN §4 backfill: a destination added today gets last week's events, once. */
const ctx = useHeraldWithReceiver();
const { db, temporal } = useStoreClients();

const hourAgo = () => new Date(Date.now() - 60 * 60_000).toISOString();

/** A new destination at `path` for flow.created, and a backfill of it since `since`. */
async function backfillNewDestination(admin: string, path: string, since: string) {
  const created = await ctx.herald.api('POST', '/v1/event-destinations', {
    token: admin,
    body: { url: ctx.receiver.url(path), events: ['flow.created'] },
  });
  const started = await ctx.herald.api(
    'POST',
    `/v1/event-destinations/${created.body.id}/backfill`,
    {
      token: admin,
      body: { since },
    },
  );
  return { destinationId: created.body.id as string, started };
}

async function ingest(token: string, id: string, data: Record<string, unknown>) {
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token,
    body: { id, type: 'flow.created', data },
  });
  expect(accepted.status).toBe(202);
}

it('sends a new destination the stored events it matches, oldest first, and nothing twice', async () => {
  const platform = await createPlatform(ctx.herald.api);
  for (const [id, keep] of [
    ['old-1', true],
    ['old-2', false],
    ['old-3', true],
  ] as const) {
    await ingest(platform.ingest, id, { keep });
  }
  await eventually(async () => {
    const events = await db('events')
      .where({ platform_id: platform.id })
      .whereNotNull('deliveries_created_at');
    expect(events).toHaveLength(3);
  });
  const created = await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: {
      url: ctx.receiver.url('/backfilled'),
      events: ['flow.created'],
      filter: { 'data.keep': true },
    },
  });
  const started = await ctx.herald.api(
    'POST',
    `/v1/event-destinations/${created.body.id}/backfill`,
    { token: platform.admin, body: { since: hourAgo() } },
  );
  expect(started.status).toBe(202);
  expect(started.body.total).toBe(2);

  await eventually(() => expect(ctx.receiver.requests('/backfilled')).toHaveLength(2));
  // Oldest first page by page; the events of one page are sent side by side.
  expect(
    ctx.receiver
      .requests('/backfilled')
      .map((r) => r.headers['webhook-id'])
      .sort(),
  ).toEqual(['old-1', 'old-3']);
  const done = await eventually(async () => {
    const answer = await ctx.herald.api('GET', `/v1/backfills/${started.body.id}`, {
      token: platform.admin,
    });
    expect(answer.body.status).toBe('completed');
    return answer.body;
  });
  expect(done).toMatchObject({ destinationId: created.body.id, total: 2, delivered: 2, failed: 0 });
  // The row says completed just before its workflow returns.
  const handle = temporal.workflow.getHandle(`backfill:${started.body.id}`);
  await handle.result();
  expect((await handle.describe()).status.name).toBe('COMPLETED');

  const again = await ctx.herald.api('POST', `/v1/event-destinations/${created.body.id}/backfill`, {
    token: platform.admin,
    body: { since: hourAgo() },
  });
  expect(again.body.total).toBe(0);
  await eventually(async () => {
    const answer = await ctx.herald.api('GET', `/v1/backfills/${again.body.id}`, {
      token: platform.admin,
    });
    expect(answer.body.status).toBe('completed');
  });
  expect(ctx.receiver.requests('/backfilled')).toHaveLength(2);
});

it('sends 1,000 stored events once each, in order of occurredAt, reporting progress; a second run sends nothing', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const count = 1000;
  const base = Date.now() - 30 * 60_000;
  // Ingested in an order unlike their occurredAt: the backfill must follow occurredAt.
  const occurredAt = (index: number) => new Date(base + ((index * 7919) % count) * 1000);
  for (let start = 0; start < count; start += 100) {
    const events = Array.from({ length: 100 }, (_, offset) => ({
      id: `bulk-${start + offset}`,
      type: 'flow.created',
      occurredAt: occurredAt(start + offset).toISOString(),
      data: {},
    }));
    const accepted = await ctx.herald.api('POST', '/v1/events/batch', {
      token: platform.ingest,
      body: { events },
    });
    expect(accepted.status).toBe(200);
  }
  // Every event has fanned out (to no destination) before the new one exists.
  await eventually(async () => {
    const [row] = await db('events')
      .where({ platform_id: platform.id })
      .whereNotNull('deliveries_created_at')
      .count<{ count: string }[]>('* as count');
    expect(Number(row!.count)).toBe(count);
  }, 120_000);
  const { destinationId, started } = await backfillNewDestination(
    platform.admin,
    '/bulk',
    new Date(base - 60_000).toISOString(),
  );
  expect(started.body.total).toBe(count);

  await eventually(() => expect(ctx.receiver.requests('/bulk')).toHaveLength(count), 180_000);
  const arrived = ctx.receiver.requests('/bulk').map((request) => request.headers['webhook-id']);
  const byOccurrence = Array.from({ length: count }, (_, index) => index)
    .sort((a, b) => occurredAt(a).getTime() - occurredAt(b).getTime())
    .map((index) => `bulk-${index}`);
  expect(arrived).toEqual(byOccurrence);

  const done = await eventually(async () => {
    const answer = await ctx.herald.api('GET', `/v1/backfills/${started.body.id}`, {
      token: platform.admin,
    });
    expect(answer.body.status).toBe('completed');
    return answer.body;
  });
  expect(done).toMatchObject({ total: count, delivered: count, failed: 0 });
  expect(done.temporal.workflowId).toBe(`backfill:${started.body.id}`);
  // Web UI shows the workflow's current details: the same progress, in words.
  const metadata = await temporal.workflow
    .getHandle(done.temporal.workflowId)
    .query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  expect(metadata.currentDetails).toMatch(/1000 of 1000.*1000 delivered, 0 failed/);

  const again = await ctx.herald.api('POST', `/v1/event-destinations/${destinationId}/backfill`, {
    token: platform.admin,
    body: { since: new Date(base - 60_000).toISOString() },
  });
  expect(again.body.total).toBe(0);
  await eventually(async () => {
    const answer = await ctx.herald.api('GET', `/v1/backfills/${again.body.id}`, {
      token: platform.admin,
    });
    expect(answer.body.status).toBe('completed');
  });
  const listed = await ctx.herald.api('GET', `/v1/event-destinations/${destinationId}/backfills`, {
    token: platform.admin,
  });
  expect(listed.body.data.map((backfill: { id: string }) => backfill.id)).toEqual([
    again.body.id,
    started.body.id,
  ]);
  expect(ctx.receiver.requests('/bulk')).toHaveLength(count);
  const deliveries = await db('deliveries').where({ destination_id: destinationId });
  expect(deliveries).toHaveLength(count);
  expect(deliveries.filter((row) => row.status !== 'succeeded')).toEqual([]);
}, 360_000);

it('refuses a range older than the retention, naming since', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const { started: refused } = await backfillNewDestination(
    platform.admin,
    '/too-old',
    new Date(Date.now() - 40 * 24 * 60 * 60_000).toISOString(),
  );
  expect(refused.status).toBe(400);
  expect(refused.body.errors[0].path).toBe('since');
  expect(refused.body.errors[0].message).toMatch(/HERALD_RETENTION/);
});

it('cancels a running backfill: it says so, and its pending deliveries end cancelled', async () => {
  const platform = await createPlatform(ctx.herald.api);
  await ingest(platform.ingest, 'stuck-1', {});
  await eventually(async () => {
    const event = await db('events').where({ platform_id: platform.id, id: 'stuck-1' }).first();
    expect(event.deliveries_created_at).not.toBeNull();
  });
  ctx.receiver.script(
    '/backfill-down',
    Array.from({ length: 500 }, () => ({ status: 503 })),
  );
  const { destinationId, started } = await backfillNewDestination(
    platform.admin,
    '/backfill-down',
    hourAgo(),
  );
  await eventually(() => expect(ctx.receiver.requests('/backfill-down').length).toBeGreaterThan(0));
  const cancelled = await ctx.herald.api('POST', `/v1/backfills/${started.body.id}/cancel`, {
    token: platform.admin,
  });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
  await eventually(async () => {
    const rows = await db('deliveries').where({
      platform_id: platform.id,
      destination_id: destinationId,
    });
    expect(rows.map((row) => row.status)).toEqual(['cancelled']);
  });
  const other = await createPlatform(ctx.herald.api);
  const hidden = await ctx.herald.api('GET', `/v1/backfills/${started.body.id}`, {
    token: other.admin,
  });
  expect(hidden.status).toBe(404);
});
