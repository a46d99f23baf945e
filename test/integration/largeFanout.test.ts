import { Client, Connection } from '@temporalio/client';
import { MAX_DELIVERIES_PER_WORKFLOW } from '../../src/temporal/contracts';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const ctx = useHeraldWithReceiver();

async function createDestinations(token: string, count: number, path: string, type: string) {
  for (let i = 0; i < count; i++) {
    const created = await ctx.herald.api('POST', '/v1/event-destinations', {
      token,
      body: { url: ctx.receiver.url(path), events: [type] },
    });
    expect(created.status).toBe(201);
  }
}

it('splits a fan-out larger than one workflow holds into child workflows and delivers all', async () => {
  const destinations = MAX_DELIVERIES_PER_WORKFLOW + 1;
  const platform = await createPlatform(ctx.herald.api);
  await createDestinations(platform.admin, destinations, '/large', 'project.release.created');
  const accepted = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'large-1', type: 'project.release.created', data: {} },
  });
  expect(accepted.status).toBe(202);
  await eventually(
    // At least once: under load an answer can outlast the attempt's timeout and be sent again.
    () => expect(ctx.receiver.requests('/large').length).toBeGreaterThanOrEqual(destinations),
    240_000,
  );

  const connection = await Connection.connect({ address: ctx.herald.temporalAddress });
  try {
    const client = new Client({ connection });
    const summary = await client.workflow.getHandle(accepted.body.workflowId).result();
    expect(summary).toEqual({
      deliveries: destinations,
      succeeded: destinations,
      failed: 0,
      cancelled: 0,
    });
    const batches = await Promise.all(
      [0, 1].map((index) =>
        client.workflow.getHandle(`${accepted.body.workflowId}/batch/${index}`).result(),
      ),
    );
    expect(batches.map((batch) => batch.deliveries)).toEqual([MAX_DELIVERIES_PER_WORKFLOW, 1]);
  } finally {
    await connection.close();
  }
}, 300_000);

it('delivers a wide event even when another event’s id looks like its child workflow’s', async () => {
  const destinations = MAX_DELIVERIES_PER_WORKFLOW + 1;
  const platform = await createPlatform(ctx.herald.api);
  // The look-alike event keeps its workflow running: its one destination keeps failing.
  ctx.receiver.script(
    '/look-alike',
    Array.from({ length: 500 }, () => ({ status: 503 })),
  );
  await createDestinations(platform.admin, 1, '/look-alike', 'user.signed.in');
  const lookAlike = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'wide:batch:0', type: 'user.signed.in', data: {} },
  });
  expect(lookAlike.status).toBe(202);
  await eventually(() => expect(ctx.receiver.requests('/look-alike').length).toBeGreaterThan(0));

  await createDestinations(platform.admin, destinations, '/wide', 'project.release.created');
  const wide = await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { id: 'wide', type: 'project.release.created', data: {} },
  });
  expect(wide.status).toBe(202);
  await eventually(
    () => expect(ctx.receiver.requests('/wide').length).toBeGreaterThanOrEqual(destinations),
    240_000,
  );
}, 300_000);
