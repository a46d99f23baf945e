import { connectDatabase, type Database } from '../../src/db/knex';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const context = useHeraldWithReceiver({ env: { HERALD_INGEST_BACKLOG_LIMIT: '50' } });
let db: Database;
beforeAll(() => {
  db = connectDatabase(context.herald.databaseUrl);
});
afterAll(async () => {
  await db.destroy();
});

async function platformWithDestination(hook: string) {
  const { herald, receiver } = context;
  const platform = await createPlatform(herald.api);
  await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url(hook), events: ['flow.created'] },
  });
  return platform;
}

const batch = (token: string, events: unknown[]) =>
  context.herald.api('POST', '/v1/events/batch', { token, body: { events } });

describe('POST /v1/events/batch', () => {
  it('stores the valid items once, answers for each, and delivers each accepted one', async () => {
    const platform = await platformWithDestination('/batch');
    const earlier = await context.herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id: 'b-existing', type: 'flow.created', data: {} },
    });
    expect(earlier.status).toBe(202);

    const answer = await batch(platform.ingest, [
      { id: 'b-1', type: 'flow.created', data: { n: 1 } },
      { id: 'b-bad', type: 'no.such.type', data: {} },
      { id: 'b-1', type: 'flow.created', data: { n: 2 } },
      { id: 'b-existing', type: 'flow.created', data: {} },
      { type: 'flow.created', data: { n: 3 } },
      'not an object',
    ]);
    expect(answer.status).toBe(200);
    const results = answer.body.results as { index: number; id: string; status: string }[];
    expect(results.map((result) => [result.index, result.status])).toEqual([
      [0, 'accepted'],
      [1, 'invalid'],
      [2, 'duplicate'],
      [3, 'duplicate'],
      [4, 'accepted'],
      [5, 'invalid'],
    ]);
    expect(answer.body.results[1]).toMatchObject({
      id: 'b-bad',
      errors: [{ path: 'type' }],
    });
    const generatedId = results[4]!.id;
    expect(generatedId).toMatch(/^evt_/);

    const stored = await db('events')
      .where({ platform_id: platform.id })
      .orderBy('id')
      .select('id', 'data');
    expect(stored).toEqual(
      [
        { id: 'b-1', data: { n: 1 } },
        { id: 'b-existing', data: {} },
        { id: generatedId, data: { n: 3 } },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    await eventually(async () => {
      const delivered = context.receiver
        .requests('/batch')
        .map((request) => request.headers['webhook-id']);
      expect(delivered.sort()).toEqual(['b-1', 'b-existing', generatedId].sort());
      const pending = await db('deliveries')
        .where({ platform_id: platform.id })
        .whereNot({ status: 'succeeded' })
        .count<{ count: number }[]>({ count: '*' });
      expect(Number(pending[0]!.count)).toBe(0);
    });
  });

  it('refuses an empty batch, or one over 100 events, naming the field', async () => {
    const platform = await createPlatform(context.herald.api);
    for (const events of [[], Array(101).fill({ type: 'flow.created', data: {} })]) {
      const answer = await batch(platform.ingest, events);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].path).toBe('events');
    }
  });
});

describe('backpressure', () => {
  it('answers 503 with Retry-After and stores nothing while the start backlog is over its limit', async () => {
    const platform = await platformWithDestination('/backpressure');
    // 50 events waiting for Temporal, held back for an hour so the relay leaves them alone.
    const waiting = Array.from({ length: 50 }, (_, index) => ({
      platform_id: platform.id,
      id: `waiting-${index}`,
      type: 'flow.created',
      occurred_at: new Date(),
      data: {},
      workflow_id: `waiting-${index}`,
      start_not_before: db.raw(`now() + interval '1 hour'`),
    }));
    await db('events').insert(waiting);
    try {
      // Admission reads a count cached for a second: the first tries may still pass.
      let tries = 0;
      const { refused, id } = await eventually(async () => {
        const tried = `over-the-limit-${tries++}`;
        const answer = await context.herald.api('POST', '/v1/events', {
          token: platform.ingest,
          body: { id: tried, type: 'flow.created', data: {} },
        });
        expect(answer.status).toBe(503);
        return { refused: answer, id: tried };
      });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body.detail).toMatch(/HERALD_INGEST_BACKLOG_LIMIT/);
      const batchRefused = await batch(platform.ingest, [{ type: 'flow.created', data: {} }]);
      expect(batchRefused.status).toBe(503);
      expect(await db('events').where({ platform_id: platform.id, id })).toEqual([]);
    } finally {
      await db('events').where({ platform_id: platform.id }).whereLike('id', 'waiting-%').delete();
    }
    await eventually(async () => {
      const answer = await context.herald.api('POST', '/v1/events', {
        token: platform.ingest,
        body: { id: 'under-the-limit', type: 'flow.created', data: {} },
      });
      expect(answer.status).toBe(202);
    });
  });
});
