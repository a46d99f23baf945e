import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { createLogger } from '../../src/logger';
import { SearchAttributeRegistry } from '../../src/temporal/searchAttributeRegistry';
import { HERALD_SEARCH_ATTRIBUTE_KEYS } from '../../src/temporal/searchAttributes';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const ctx = useHeraldWithReceiver();
let connection: Connection;
let client: Client;

beforeAll(async () => {
  connection = await Connection.connect({ address: requireTestEnv('temporalAddress') });
  client = new Client({ connection });
});
afterAll(() => connection.close());

async function listWorkflows(query: string) {
  const found = [];
  for await (const workflow of client.workflow.list({ query })) found.push(workflow);
  return found;
}

it('tags every event workflow with its platform, event type and destination count', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const other = await createPlatform(ctx.herald.api);
  for (const [owner, hook] of [
    [platform, '/tagged-a'],
    [platform, '/tagged-b'],
    [other, '/tagged-other'],
  ] as const) {
    await ctx.herald.api('POST', '/v1/event-destinations', {
      token: owner.admin,
      body: { url: ctx.receiver.url(hook), events: ['flow.created', 'user.signed.in'] },
    });
  }
  const ingest = (token: string, type: string) =>
    ctx.herald.api('POST', '/v1/events', { token, body: { type, data: {} } });
  const flowCreated = await ingest(platform.ingest, 'flow.created');
  await ingest(platform.ingest, 'user.signed.in');
  await ingest(other.ingest, 'flow.created');

  const platformId = platform.id;
  const matches = await eventually(async () => {
    const found = await listWorkflows(
      `HeraldPlatformId = "${platformId}" AND HeraldEventType = "flow.created" AND HeraldDestinationCount = 2`,
    );
    expect(found).toHaveLength(1);
    return found;
  });
  expect(matches[0]!.workflowId).toBe(flowCreated.body.workflowId);
  const everyOfPlatform = await listWorkflows(`HeraldPlatformId = "${platformId}"`);
  expect(everyOfPlatform).toHaveLength(2);
});

it('registers the attributes on a namespace that lacks them', async () => {
  const namespace = `herald-sa-${randomUUID().slice(0, 8)}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  const registry = new SearchAttributeRegistry(connection, namespace, createLogger('silent'));
  // A new namespace reaches the server's cache after a moment; until then the check says no.
  await eventually(async () => expect(await registry.enabled()).toBe(true));
  const { customAttributes } = await connection.operatorService.listSearchAttributes({
    namespace,
  });
  for (const key of HERALD_SEARCH_ATTRIBUTE_KEYS) expect(customAttributes).toHaveProperty(key.name);
});
