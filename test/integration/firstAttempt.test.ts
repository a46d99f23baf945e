import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const EventType = temporal.api.enums.v1.EventType;
const ctx = useHeraldWithReceiver();
let connection: Connection;
let client: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: ctx.herald.temporalAddress });
  client = new Client({ connection });
});
afterAll(() => connection.close());

/** Ingests one event for a fresh destination at `hook` and waits for its workflow to finish. */
async function deliverOneEvent(hook: string, eventId: string) {
  const platform = await createPlatform(ctx.herald.api);
  await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url(hook), events: ['flow.run.finished'] },
  });
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: eventId, type: 'flow.run.finished', data: {} },
  });
  expect(accepted.status).toBe(202);
  const handle = client.workflow.getHandle(accepted.body.workflowId);
  await eventually(() => handle.describe());
  const summary = await handle.result();
  const { events } = await handle.fetchHistory();
  const count = (type: number) => (events ?? []).filter((e) => e.eventType === type).length;
  const event = await ctx.herald.api('GET', `/v1/events/${eventId}`, { token: platform.admin });
  const delivery = await ctx.herald.api('GET', `/v1/deliveries/${event.body.deliveries[0].id}`, {
    token: platform.admin,
  });
  return {
    summary,
    workflowType: (await handle.describe()).type,
    historyEvents: events?.length ?? 0,
    workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED),
    activityTasks: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    delivery: delivery.body as { status: string; attempts: { attempt: number }[] },
  };
}

it('delivers an event that succeeds first time in one workflow task, with no activity task', async () => {
  const run = await deliverOneEvent('/first-try', 'first-try-1');
  expect(run.workflowType).toBe('eventDeliveryWorkflow');
  expect(run.summary).toEqual({ deliveries: 1, succeeded: 1, failed: 0, cancelled: 0 });
  expect(run.workflowTasks).toBe(1);
  expect(run.activityTasks).toBe(0);
  // Started, task scheduled/started/completed, the local activity's marker, the destination
  // count, completed: 7 (the workflow before this one took 15).
  expect(run.historyEvents).toBeLessThanOrEqual(7);
  expect(run.delivery.status).toBe('succeeded');
  expect(run.delivery.attempts.map((a) => a.attempt)).toEqual([1]);
});

it('retries a failed first attempt as a regular activity under the retry policy', async () => {
  ctx.receiver.script('/second-try', [{ status: 500 }]);
  const run = await deliverOneEvent('/second-try', 'second-try-1');
  expect(run.summary).toEqual({ deliveries: 1, succeeded: 1, failed: 0, cancelled: 0 });
  expect(run.activityTasks).toBe(1);
  expect(run.delivery.status).toBe('succeeded');
  expect(run.delivery.attempts.map((a) => a.attempt)).toEqual([1, 2]);
  expect(ctx.receiver.requests('/second-try')).toHaveLength(2);
});
