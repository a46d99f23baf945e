import { HERALD_SCHEDULES } from '../../src/temporal/schedules';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, useHeraldWithReceiver } from '../support/herald';

/** Every delivery ends succeeded, failed or cancelled, whatever an operator does in Temporal. */
const ctx = useHeraldWithReceiver();
const { db, temporal } = useStoreClients();

/** A platform whose `count` destinations at `path` answer 503 `failures` times, and one event. */
async function eventToFailingDestinations(path: string, count: number, failures: number) {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script(
    path,
    Array.from({ length: failures }, () => ({ status: 503 })),
  );
  for (let n = 0; n < count; n++) {
    await ctx.herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: ctx.receiver.url(path), events: ['flow.created'] },
    });
  }
  const event = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  return { platform, event };
}

it.each([
  ['an event workflow (first attempts in its first task)', 2],
  ['a wide fan-out (one activity per delivery)', 21],
])(
  'records cancelled, not pending, when %s is cancelled in Temporal',
  async (_shape, destinations) => {
    const path = `/cancel-${destinations}`;
    const { platform, event } = await eventToFailingDestinations(path, destinations, 500);
    await eventually(() =>
      expect(ctx.receiver.requests(path).length).toBeGreaterThanOrEqual(destinations),
    );
    const handle = temporal.workflow.getHandle(event.body.workflowId);
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();

    const rows = await eventually(async () => {
      const current = await db('deliveries').where({
        platform_id: platform.id,
        event_id: event.body.id,
      });
      expect(current.map((row) => row.status)).toEqual(current.map(() => 'cancelled'));
      return current;
    });
    expect(rows).toHaveLength(destinations);
    expect(rows.every((row) => /cancelled in Temporal/.test(row.status_reason))).toBe(true);
  },
);

/** A terminated workflow runs no code: its deliveries stay pending until someone takes them over. */
async function deliveryLeftPendingByTermination(path: string) {
  const { platform, event } = await eventToFailingDestinations(path, 1, 3);
  await eventually(() => expect(ctx.receiver.requests(path).length).toBeGreaterThanOrEqual(1));
  await temporal.workflow.getHandle(event.body.workflowId).terminate('an operator in Web UI');
  const delivery = await db('deliveries')
    .where({ platform_id: platform.id, event_id: event.body.id })
    .first();
  expect(delivery.status).toBe('pending');
  return { platform, delivery, eventWorkflowId: event.body.workflowId as string };
}

it('hands deliveries a terminated workflow left pending to a new workflow (reconciler)', async () => {
  const { delivery, eventWorkflowId } = await deliveryLeftPendingByTermination('/terminated');
  // As if the reconciler's quiet time had passed.
  await db('deliveries')
    .where({ id: delivery.id })
    .update({ updated_at: new Date(Date.now() - 10 * 60_000) });

  const result = await temporal.workflow.execute('reconcileDeliveriesWorkflow', {
    workflowId: `reconcile-test-${delivery.id}`,
    taskQueue: ctx.herald.config.TEMPORAL_TASK_QUEUE,
  });
  expect(result.restarted).toBeGreaterThanOrEqual(1);
  const done = await eventually(async () => {
    const row = await db('deliveries').where({ id: delivery.id }).first();
    expect(row.status).toBe('succeeded');
    return row;
  });
  expect(done.workflow_id).toMatch(new RegExp(`^reconcile:${eventWorkflowId}:`));
  const description = await eventually(() =>
    temporal.schedule.getHandle(HERALD_SCHEDULES.reconciliation.scheduleId).describe(),
  );
  expect(description.action).toMatchObject({ workflowType: 'reconcileDeliveriesWorkflow' });
});

it('redelivers a delivery left pending by a terminated workflow, and refuses one whose retries run', async () => {
  const { platform, delivery } = await deliveryLeftPendingByTermination('/terminated-redeliver');
  const accepted = await ctx.herald.api('POST', `/v1/deliveries/${delivery.id}/redeliver`, {
    token: platform.admin,
  });
  expect(accepted.status).toBe(202);
  await eventually(async () => {
    const row = await db('deliveries').where({ id: delivery.id }).first();
    expect(row.status).toBe('succeeded');
  });

  ctx.receiver.script(
    '/running',
    Array.from({ length: 500 }, () => ({ status: 503 })),
  );
  await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/running'), events: ['user.signed.in'] },
  });
  const running = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'user.signed.in', data: {} },
  });
  await eventually(() => expect(ctx.receiver.requests('/running').length).toBeGreaterThan(0));
  const retrying = await db('deliveries')
    .where({ platform_id: platform.id, event_id: running.body.id })
    .first();
  const refused = await ctx.herald.api('POST', `/v1/deliveries/${retrying.id}/redeliver`, {
    token: platform.admin,
  });
  expect(refused.status).toBe(409);
});

it('restarts an event whose workflow was terminated before it created the deliveries (reconciler)', async () => {
  // An API with no worker on its task queue: its event's workflow never runs a task.
  const apiOnly = await startTestHerald({
    mode: 'api',
    env: { HERALD_SECRET_KEY: ctx.herald.env.HERALD_SECRET_KEY! },
  });
  try {
    const platform = await createPlatform(apiOnly.api);
    await apiOnly.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: ctx.receiver.url('/unfanned'), events: ['flow.created'] },
    });
    const event = await apiOnly.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id: 'never-fanned-out', type: 'flow.created', data: {} },
    });
    const handle = temporal.workflow.getHandle(event.body.workflowId);
    await eventually(() => handle.describe());
    await handle.terminate('an operator in Web UI');
    // As if the reconciler's quiet time had passed.
    await db('events')
      .where({ platform_id: platform.id, id: 'never-fanned-out' })
      .update({ workflow_started_at: new Date(Date.now() - 10 * 60_000) });

    const result = await temporal.workflow.execute('reconcileDeliveriesWorkflow', {
      workflowId: `reconcile-test-${platform.id}`,
      taskQueue: ctx.herald.config.TEMPORAL_TASK_QUEUE,
    });
    expect(result.fanoutsRestarted).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(ctx.receiver.requests('/unfanned')).toHaveLength(1));
    const stored = await db('events')
      .where({ platform_id: platform.id, id: 'never-fanned-out' })
      .first();
    expect(stored.workflow_id).toMatch(new RegExp(`^reconcile:${event.body.workflowId}:`));
    await eventually(async () => {
      const deliveries = await db('deliveries').where({ platform_id: platform.id });
      expect(deliveries.map((row) => row.status)).toEqual(['succeeded']);
    });
  } finally {
    await apiOnly.stop();
  }
});

it('starts one series per Idempotency-Key, however often redeliver is retried', async () => {
  const { platform, event } = await eventToFailingDestinations('/idempotent', 1, 0);
  const delivery = await eventually(async () => {
    const row = await db('deliveries')
      .where({ platform_id: platform.id, event_id: event.body.id })
      .first();
    expect(row?.status).toBe('succeeded');
    return row;
  });
  const redeliver = (key: string) =>
    ctx.herald.api('POST', `/v1/deliveries/${delivery.id}/redeliver`, {
      token: platform.admin,
      headers: { 'idempotency-key': key },
    });
  const first = await redeliver('retry-me');
  expect(first.status).toBe(202);
  await temporal.workflow.getHandle(first.body.workflowId).result();
  const retried = await redeliver('retry-me');
  expect(retried.status).toBe(202);
  expect(retried.body.workflowId).toBe(first.body.workflowId);
  const row = await db('deliveries').where({ id: delivery.id }).first();
  expect(row.attempt_count).toBe(2);
  expect(ctx.receiver.requests('/idempotent')).toHaveLength(2);

  const bad = await redeliver('not a key!');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].path).toBe('idempotency-key');
});
