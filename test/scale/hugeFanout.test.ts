import { MAX_DELIVERIES_PER_WORKFLOW } from '../../src/temporal/contracts';
import { destinationFields } from '../../src/destinations/sealedHeaders';
import { newSigningSecret } from '../../src/destinations/signingSecret';
import { newId } from '../../src/ids';
import { createSecretBox } from '../../src/security/encryption';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const DESTINATIONS = 20_000;

const ctx = useHeraldWithReceiver({ env: { HERALD_MAX_DESTINATIONS: String(DESTINATIONS) } });
const stores = useStoreClients();

/**
 * Stored the way the API stores them (sealed, bound to their row), but in one statement per
 * thousand: 20,000 API calls would test the API, not the fan-out.
 */
async function insertDestinations(platformId: string, count: number, url: string, type: string) {
  const secrets = createSecretBox(ctx.herald.env.HERALD_SECRET_KEY!);
  const rows = Array.from({ length: count }, () => {
    const id = newId('dst');
    return {
      id,
      platform_id: platformId,
      url,
      events: [type],
      enabled: true,
      headers_encrypted: null,
      signing_secret_encrypted: secrets.encrypt(
        newSigningSecret(),
        destinationFields.signingSecret(id),
      ),
    };
  });
  await stores.db.batchInsert('event_destinations', rows, 1_000);
}

it('delivers one event to 20,000 destinations, no delivery id in the event workflow’s history', async () => {
  const platform = await createPlatform(ctx.herald.api);
  await insertDestinations(platform.id, DESTINATIONS, ctx.receiver.url('/huge'), 'flow.created');
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'huge-1', type: 'flow.created', data: {} },
  });
  expect(accepted.status).toBe(202);

  const handle = stores.temporal.workflow.getHandle(accepted.body.workflowId);
  // The outbox starts the workflow just after the answer.
  await eventually(() => handle.describe());
  const summary = await handle.result();
  expect(summary).toEqual({
    deliveries: DESTINATIONS,
    succeeded: DESTINATIONS,
    failed: 0,
    cancelled: 0,
  });
  const statuses = await stores
    .db('deliveries')
    .where({ platform_id: platform.id, event_id: 'huge-1' })
    .groupBy('status')
    .select('status', stores.db.raw('count(*)::int as count'));
  expect(statuses).toEqual([{ status: 'succeeded', count: DESTINATIONS }]);
  expect(ctx.receiver.requests('/huge').length).toBeGreaterThanOrEqual(DESTINATIONS);

  const history = await handle.fetchHistory();
  const recorded = JSON.stringify(history);
  expect(recorded).not.toMatch(/dlv_/);
  const children = history.events!.filter(
    (event) => event.startChildWorkflowExecutionInitiatedEventAttributes,
  );
  expect(children).toHaveLength(Math.ceil(DESTINATIONS / MAX_DELIVERIES_PER_WORKFLOW));
}, 900_000);
