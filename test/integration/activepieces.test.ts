import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** DESIGN §3 and §4: an Activepieces audit event, posted as Activepieces stores it. */
const ctx = useHeraldWithReceiver();
const { db } = useStoreClients();

const auditEvent = {
  id: 'ap-event-1',
  created: '2026-11-28T09:30:00.000Z',
  updated: '2026-11-28T09:30:00.000Z',
  action: 'flow.run.finished',
  platformId: 'activepieces-platform-1',
  projectId: 'proj-ap',
  projectDisplayName: 'Billing',
  userId: 'user-1',
  userEmail: 'jane@example.com',
  ip: '203.0.113.9',
  data: { flowRun: { id: 'run-1', status: 'FAILED' } },
};

it('delivers an Activepieces audit event posted as-is, with its actor fields beside projectId', async () => {
  const platform = await createPlatform(ctx.herald.api);
  for (const [path, redact] of [
    ['/everything', []],
    ['/no-personal-data', ['userEmail', 'ip']],
  ] as const)
    await ctx.herald.api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: ctx.receiver.url(path), events: ['flow.run.finished'], redact },
    });
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: auditEvent,
  });
  expect(accepted.status).toBe(202);
  await eventually(() => {
    expect(ctx.receiver.requests('/everything')).toHaveLength(1);
    expect(ctx.receiver.requests('/no-personal-data')).toHaveLength(1);
  });
  const everything = ctx.receiver.requests('/everything')[0]!.body;
  // The fixed order: the actor fields sit beside projectId, before data.
  expect(JSON.parse(everything)).toEqual({
    id: 'ap-event-1',
    type: 'flow.run.finished',
    timestamp: '2026-11-28T09:30:00.000Z',
    platformId: platform.id,
    projectId: 'proj-ap',
    userId: 'user-1',
    userEmail: 'jane@example.com',
    ip: '203.0.113.9',
    projectDisplayName: 'Billing',
    data: { flowRun: { id: 'run-1', status: 'FAILED' } },
  });
  expect(Object.keys(JSON.parse(everything))).toEqual([
    'id',
    'type',
    'timestamp',
    'platformId',
    'projectId',
    'userId',
    'userEmail',
    'ip',
    'projectDisplayName',
    'data',
  ]);
  const redacted = JSON.parse(ctx.receiver.requests('/no-personal-data')[0]!.body);
  expect(redacted).not.toHaveProperty('userEmail');
  expect(redacted).not.toHaveProperty('ip');
  expect(redacted.userId).toBe('user-1');
  const stored = await db('events').where({ platform_id: platform.id, id: 'ap-event-1' }).first();
  expect(stored.actor).toEqual({
    userId: 'user-1',
    userEmail: 'jane@example.com',
    ip: '203.0.113.9',
    projectDisplayName: 'Billing',
  });
});

it.each([
  [{ data: {} }, 'type', /required/],
  [{ type: 'flow.created', action: 'flow.deleted', data: {} }, 'action', /differs from type/],
  [
    { type: 'flow.created', occurredAt: auditEvent.created, created: auditEvent.created, data: {} },
    'created',
    /not both/,
  ],
  [{ action: 'flow.exploded', data: {} }, 'action', /GET \/v1\/event-types/],
  [{ ...auditEvent, role: 'ADMIN' }, '', /role/],
])('refuses %j with 400 naming %s', async (body, path, message) => {
  const platform = await createPlatform(ctx.herald.api);
  const answer = await ctx.herald.api('POST', '/v1/events', { token: platform.ingest, body });
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path, message: expect.stringMatching(message) }),
    ]),
  );
});

it('lists the 40 audit event types and the 2 operational ones, with data schemas where known', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const types = await ctx.herald.api('GET', '/v1/event-types', { token: platform.admin });
  const byName = new Map(
    types.body.data.map((entry: { name: string }) => [entry.name, entry] as const),
  );
  expect(byName.size).toBe(42);
  for (const name of [
    'flow.published',
    'flow.approval.withdrawn',
    'agent.action.executed',
    'variable.value.revealed',
    'project.replaced',
  ])
    expect(byName.get(name)).toMatchObject({ description: expect.any(String) });
  expect(byName.get('flow.run.finished')).toMatchObject({
    dataSchema: {
      properties: {
        flowRun: { properties: { status: { enum: expect.arrayContaining(['FAILED']) } } },
      },
    },
  });
  expect(byName.get('user.signed.in')).toHaveProperty('dataSchema.properties.user');
  expect(byName.get('folder.created')).not.toHaveProperty('dataSchema');
});
