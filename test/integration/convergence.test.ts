import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** Every delivery ends succeeded, failed or cancelled, whatever an operator does in Temporal. */
const ctx = useHeraldWithReceiver();
const { db, temporal } = useStoreClients();

it.each([
  ['an event workflow (first attempts in its first task)', 2],
  ['a wide fan-out (one activity per delivery)', 21],
])(
  'records cancelled, not pending, when %s is cancelled in Temporal',
  async (_shape, destinations) => {
    const platform = await createPlatform(ctx.herald.api);
    const path = `/cancel-${destinations}`;
    ctx.receiver.script(
      path,
      Array.from({ length: 500 }, () => ({ status: 503 })),
    );
    for (let n = 0; n < destinations; n++) {
      await ctx.herald.api('POST', '/v1/event-destinations', {
        token: platform.admin,
        body: { url: ctx.receiver.url(path), events: ['flow.created'] },
      });
    }
    const event = await ctx.herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: {} },
    });
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
