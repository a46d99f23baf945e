import { HERALD_SCHEDULES } from '../../src/temporal/schedules';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** HERALD_RETENTION: old events go with their deliveries and attempts; nothing pending does. */
const ctx = useHeraldWithReceiver({ env: { HERALD_RETENTION: '30d' } });
const { db, temporal } = useStoreClients();

it('keeps a daily purge Schedule in Temporal', async () => {
  // Every worker makes sure it exists, off its start path.
  const description = await eventually(() =>
    temporal.schedule.getHandle(HERALD_SCHEDULES.retention.scheduleId).describe(),
  );
  expect(description.action).toMatchObject({ workflowType: 'retentionPurgeWorkflow' });
  expect(description.spec.intervals?.[0]?.every).toBe(24 * 60 * 60 * 1000);
});

it('purges events older than the retention with their deliveries and attempts, and keeps pending ones', async () => {
  const platform = await createPlatform(ctx.herald.api);
  await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/retention'), events: ['flow.created'] },
  });
  const ids = ['old-done', 'old-pending', 'recent'];
  for (const id of ids) {
    await ctx.herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id, type: 'flow.created', data: {} },
    });
  }
  await eventually(() => expect(ctx.receiver.requests('/retention')).toHaveLength(3));
  await eventually(async () => {
    const done = await db('deliveries').where({ platform_id: platform.id, status: 'succeeded' });
    expect(done).toHaveLength(3);
  });
  const longAgo = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
  await db('events')
    .where({ platform_id: platform.id })
    .whereIn('id', ['old-done', 'old-pending'])
    .update({ received_at: longAgo });
  await db('deliveries')
    .where({ platform_id: platform.id, event_id: 'old-pending' })
    .update({ status: 'pending' });
  const oldDelivery = await db('deliveries')
    .where({ platform_id: platform.id, event_id: 'old-done' })
    .first();

  const result = await temporal.workflow.execute('retentionPurgeWorkflow', {
    workflowId: `retention-test-${platform.id}`,
    taskQueue: ctx.herald.config.TEMPORAL_TASK_QUEUE,
  });
  expect(result.purged).toBeGreaterThanOrEqual(1);

  const left = await db('events').where({ platform_id: platform.id }).orderBy('id').pluck('id');
  expect(left).toEqual(['old-pending', 'recent']);
  expect(await db('deliveries').where({ id: oldDelivery.id })).toEqual([]);
  expect(await db('delivery_attempts').where({ delivery_id: oldDelivery.id })).toEqual([]);
  // Its 404 is an ordinary one.
  const gone = await ctx.herald.api('GET', '/v1/events/old-done', { token: platform.admin });
  expect(gone.status).toBe(404);
});
