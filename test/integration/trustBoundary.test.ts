import { Webhook } from 'standardwebhooks';
import { resealUnboundSecrets } from '../../src/destinations/reseal';
import { createLogger } from '../../src/logger';
import { createSecretBox } from '../../src/security/encryption';
import { testTaskQueueOf } from '../../src/temporal/taskQueues';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';
import { legacySeal } from '../support/legacySeal';

/**
 * Temporal and the database are trust boundaries (DESIGN §7): what a reader of Temporal sees, or
 * a writer of the database moves, must not turn Herald into a way to read a tenant's secrets.
 */
const ctx = useHeraldWithReceiver();
const { db, temporal } = useStoreClients();

const SECRET_HEADER = 'Bearer tenant-x-only-7f3a9c';

async function createDestination(token: string, path: string, headers?: Record<string, string>) {
  const answer = await ctx.herald.api('POST', '/v1/event-destinations', {
    token,
    body: { url: ctx.receiver.url(path), events: ['flow.created'], headers },
  });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; signingSecret: string };
}

async function deliveriesOf(eventId: string, platformId: string) {
  return db('deliveries').where({ event_id: eventId, platform_id: platformId });
}

it('refuses a sealed header moved into another platform’s destination, and sends nothing', async () => {
  const victim = await createPlatform(ctx.herald.api);
  const attacker = await createPlatform(ctx.herald.api);
  const victimDestination = await createDestination(victim.admin, '/victim', {
    Authorization: SECRET_HEADER,
  });
  const attackerDestination = await createDestination(attacker.admin, '/attacker');
  const { headers_encrypted: sealed } = await db('event_destinations')
    .where({ id: victimDestination.id })
    .first('headers_encrypted');
  await db('event_destinations')
    .where({ id: attackerDestination.id })
    .update({ headers_encrypted: sealed });

  const event = await ctx.herald.api('POST', '/v1/events', {
    token: attacker.ingest,
    body: { type: 'flow.created', data: {} },
  });
  expect(event.status).toBe(202);
  const [delivery] = await eventually(async () => {
    const rows = await deliveriesOf(event.body.id, attacker.id);
    expect(rows.map((row) => row.status)).toEqual(['failed']);
    return rows;
  });
  const attempts = await db('delivery_attempts').where({ delivery_id: delivery.id });
  expect(attempts).toHaveLength(1);
  expect(attempts[0].error).toMatch(/stored secrets do not open/);
  expect(ctx.receiver.requests('/attacker')).toHaveLength(0);
  expect(JSON.stringify(ctx.receiver.all())).not.toContain(SECRET_HEADER);
});

it('keeps a URL test’s headers and URL out of Temporal, and leaves no request row behind', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const answer = await ctx.herald.api('POST', '/v1/event-destinations/test', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/adhoc-secret-path'), headers: { 'X-Token': SECRET_HEADER } },
  });
  expect(answer.status).toBe(200);
  expect(answer.body.ok).toBe(true);
  expect(ctx.receiver.requests('/adhoc-secret-path')[0]!.headers['x-token']).toBe(SECRET_HEADER);

  const workflows = [];
  for await (const workflow of temporal.workflow.list({
    query: `WorkflowType = "testDeliveryWorkflow" AND WorkflowId STARTS_WITH "test:${platform.id}:"`,
  })) {
    workflows.push(workflow);
  }
  expect(workflows).toHaveLength(1);
  expect(workflows[0]!.taskQueue).toBe(testTaskQueueOf(ctx.herald.config.TEMPORAL_TASK_QUEUE));
  const history = await temporal.workflow.getHandle(workflows[0]!.workflowId).fetchHistory();
  const recorded = Buffer.from(JSON.stringify(history)).toString('latin1');
  const decodedPayloads = JSON.stringify(history, (_key, value: unknown) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
  );
  for (const text of [recorded, decodedPayloads]) {
    expect(text).not.toContain('tenant-x-only');
    expect(text).not.toContain('adhoc-secret-path');
  }
  expect(await db('test_delivery_requests').where({ platform_id: platform.id })).toEqual([]);
});

it('sends nothing for a test workflow started by hand with a sealed value in its input', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const destination = await createDestination(platform.admin, '/oracle-source', {
    Authorization: SECRET_HEADER,
  });
  const { headers_encrypted: sealed } = await db('event_destinations')
    .where({ id: destination.id })
    .first('headers_encrypted');
  const taskQueue = testTaskQueueOf(ctx.herald.config.TEMPORAL_TASK_QUEUE);
  const result = await temporal.workflow.execute('testDeliveryWorkflow', {
    workflowId: `forged-${destination.id}`,
    taskQueue,
    args: [
      {
        platformId: platform.id,
        eventType: 'flow.created',
        // The shape an older Herald used: a URL of the caller's choosing and a sealed value.
        target: { kind: 'url', url: ctx.receiver.url('/oracle'), sealedHeaders: sealed },
        attemptTimeoutMs: 2_000,
      },
    ],
    workflowExecutionTimeout: '30s',
  });
  expect(result).toMatchObject({ ok: false });
  expect(ctx.receiver.requests('/oracle')).toHaveLength(0);
});

it('re-seals values written before fields were bound, and they still sign', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const destination = await createDestination(platform.admin, '/resealed', { 'X-Api-Key': 'k1' });
  const key = ctx.herald.env.HERALD_SECRET_KEY!;
  await db('event_destinations')
    .where({ id: destination.id })
    .update({
      signing_secret_encrypted: legacySeal(key, destination.signingSecret),
      headers_encrypted: legacySeal(key, JSON.stringify({ 'X-Api-Key': 'k1' })),
    });
  const resealed = await resealUnboundSecrets(db, createSecretBox(key), createLogger('silent'));
  expect(resealed).toBeGreaterThanOrEqual(1);
  const row = await db('event_destinations').where({ id: destination.id }).first();
  expect(row.signing_secret_encrypted).toMatch(/^v2\./);
  expect(row.headers_encrypted).toMatch(/^v2\./);

  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  const request = await eventually(() => {
    const [received] = ctx.receiver.requests('/resealed');
    expect(received).toBeDefined();
    return received!;
  });
  expect(request.headers['x-api-key']).toBe('k1');
  expect(() =>
    new Webhook(destination.signingSecret).verify(request.body, request.headers),
  ).not.toThrow();
});
