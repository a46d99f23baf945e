import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { connectDatabase, type Database } from '../../src/db/knex';
import { EventOutbox } from '../../src/events/outbox';
import { listenForAnnouncements } from '../../src/events/outboxWakeups';
import { createLogger } from '../../src/logger';
import { eventually } from '../support/eventually';
import { requireTestEnv } from '../support/environment';
import { freshDatabase } from '../support/freshDatabase';
import {
  createPlatform,
  startTestHerald,
  testEnvironment,
  type ApiCall,
  type TestHerald,
} from '../support/herald';
import { startReceiver, type Receiver } from '../support/receiver';

const EventType = temporal.api.enums.v1.EventType;
const ctx = {} as { herald: TestHerald; receiver: Receiver };
let database: Awaited<ReturnType<typeof freshDatabase>>;
let connection: Connection;
let client: Client;
let db: Database;
/** Its own database: no other test file's Herald claims its rows from the outbox (nor it theirs). */
const outboxEnvironment = () =>
  testEnvironment({ DATABASE_URL: database.url, HERALD_FIRST_ATTEMPT: 'outbox' });

beforeAll(async () => {
  database = await freshDatabase(requireTestEnv('databaseUrl'));
  [ctx.herald, ctx.receiver] = await Promise.all([
    startTestHerald({ env: outboxEnvironment() }),
    startReceiver(),
  ]);
  connection = await Connection.connect({ address: ctx.herald.temporalAddress });
  client = new Client({ connection });
  db = connectDatabase(database.url);
});
afterAll(async () => {
  await connection?.close();
  await db?.destroy();
  await ctx.herald?.stop();
  await ctx.receiver?.stop();
  await database?.drop();
});

/** Ingests one event for a fresh destination at `hook` (none without one) and waits until it is final. */
async function ingestOne(api: ApiCall, eventId: string, hook?: string) {
  const platform = await createPlatform(api);
  if (hook) {
    await api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: ctx.receiver.url(hook), events: ['flow.created'] },
    });
  }
  const accepted = await api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: eventId, type: 'flow.created', data: {} },
  });
  expect(accepted.status).toBe(202);
  const settled = await eventually(async () => {
    const event = await db('events').where({ platform_id: platform.id, id: eventId }).first();
    expect(event.workflow_started_at).not.toBeNull();
    const deliveries = await db('deliveries').where({ platform_id: platform.id });
    expect(deliveries.filter((delivery) => delivery.status === 'pending')).toEqual([]);
    return deliveries;
  }, 30_000);
  const attempts = await Promise.all(
    settled.map(async (delivery) =>
      (
        await api('GET', `/v1/deliveries/${delivery.id}`, { token: platform.admin })
      ).body.attempts.map(
        (attempt: { attempt: number; statusCode?: number }) => attempt.statusCode,
      ),
    ),
  );
  return {
    statuses: settled.map((delivery) => delivery.status as string),
    attempts,
    workflowId: accepted.body.workflowId as string,
  };
}

const describeWorkflow = (workflowId: string) =>
  client.workflow
    .getHandle(workflowId)
    .describe()
    .catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    });

it('delivers an event that succeeds first time with no workflow at all', async () => {
  const run = await ingestOne(ctx.herald.api, 'outbox-first-try', '/outbox-first-try');
  expect(run.statuses).toEqual(['succeeded']);
  expect(run.attempts).toEqual([[200]]);
  expect(ctx.receiver.requests('/outbox-first-try')).toHaveLength(1);
  expect(await describeWorkflow(run.workflowId)).toBeUndefined();
});

it('launches an event that matches no destination without a workflow', async () => {
  const run = await ingestOne(ctx.herald.api, 'outbox-no-destination');
  expect(run.statuses).toEqual([]);
  expect(await describeWorkflow(run.workflowId)).toBeUndefined();
});

it('hands a failed first attempt to eventRetriesWorkflow, which retries it as an activity', async () => {
  ctx.receiver.script('/outbox-second-try', [{ status: 503 }]);
  const run = await ingestOne(ctx.herald.api, 'outbox-second-try', '/outbox-second-try');
  expect(run.statuses).toEqual(['succeeded']);
  expect(run.attempts).toEqual([[503, 200]]);
  const handle = client.workflow.getHandle(run.workflowId);
  expect((await handle.describe()).type).toBe('eventRetriesWorkflow');
  expect(await handle.result()).toEqual({ deliveries: 1, succeeded: 1, failed: 0, cancelled: 0 });
  const { events } = await handle.fetchHistory();
  const activityTasks = (events ?? []).filter(
    (event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  );
  expect(activityTasks).toHaveLength(1);
});

it('wakes a worker apart from the API with one NOTIFY per announcement', async () => {
  const outbox = new EventOutbox(db, 1_000);
  let wakes = 0;
  const listener = listenForAnnouncements(database.url, () => wakes++, createLogger('silent'));
  try {
    // Once on connecting, since announcements made while away are lost.
    await eventually(() => expect(wakes).toBe(1));
    await outbox.announce();
    await eventually(() => expect(wakes).toBe(2));
  } finally {
    await listener.close();
  }
});

it('delivers, through a worker apart from the API, events the API only stored', async () => {
  const env = outboxEnvironment();
  const [api, worker] = await Promise.all([
    startTestHerald({ env, mode: 'api' }),
    startTestHerald({ env, mode: 'worker' }),
  ]);
  try {
    const run = await ingestOne(api.api, 'outbox-apart', '/outbox-apart');
    expect(run.statuses).toEqual(['succeeded']);
    expect(await describeWorkflow(run.workflowId)).toBeUndefined();
  } finally {
    await api.stop();
    await worker.stop();
  }
});
