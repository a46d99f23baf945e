import { connectDatabase, type Database } from '../../src/db/knex';
import { SHARED_INSERTS } from '../../src/events/sharedInserts';
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

describe('requests at once', () => {
  it('share statements but keep their own answers: one 202 per id, the rest duplicates, and an invalid one fails alone', async () => {
    const { herald } = context;
    const platform = await platformWithDestination('/at-once');
    const other = await platformWithDestination('/at-once-other');
    const post = (token: string, body: unknown) =>
      herald.api('POST', '/v1/events', { token, body });
    const requests = () => [
      ...Array.from({ length: 10 }, () =>
        post(platform.ingest, { id: 'at-once-same', type: 'flow.created', data: {} }),
      ),
      ...Array.from({ length: 10 }, () =>
        post(other.ingest, { id: 'at-once-same', type: 'flow.created', data: {} }),
      ),
      ...Array.from({ length: 10 }, (_, n) =>
        post(platform.ingest, { id: `at-once-${n}`, type: 'flow.created', data: { n } }),
      ),
      post(platform.ingest, {
        id: 'at-once-nul',
        type: 'flow.created',
        data: { text: 'a\u0000b' },
      }),
    ];
    // The table locked until two INSERTs wait on it: the other requests queue behind them and
    // must share the next statement.
    const locker = connectDatabase(herald.databaseUrl);
    const lock = await locker.transaction();
    await lock.raw('LOCK TABLE events IN EXCLUSIVE MODE');
    const sent = Promise.all(requests());
    try {
      await eventually(async () => {
        const { rows } = await db.raw<{ rows: { waiting: number }[] }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into "events"%'`,
        );
        expect(rows[0]!.waiting).toBe(SHARED_INSERTS.concurrency);
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await lock.commit();
      await locker.destroy();
    }
    const answers = await sent;
    const statuses = answers.map((answer) => answer.status);
    const samePlatform = statuses.slice(0, 10);
    const sameOther = statuses.slice(10, 20);
    expect(samePlatform.filter((status) => status === 202)).toHaveLength(1);
    expect(samePlatform.filter((status) => status === 200)).toHaveLength(9);
    expect(sameOther.filter((status) => status === 202)).toHaveLength(1);
    expect(sameOther.filter((status) => status === 200)).toHaveLength(9);
    expect(statuses.slice(20, 30)).toEqual(Array(10).fill(202));
    expect(answers[30]!.status).toBe(400);
    expect(answers[30]!.body.errors).toEqual([
      { path: 'data', message: 'must not contain NUL characters' },
    ]);
    const stored = await db('events')
      .whereIn('platform_id', [platform.id, other.id])
      .whereLike('id', 'at-once-%')
      .select('platform_id', 'id');
    expect(stored).toHaveLength(12);
    expect(stored.some((row) => row.id === 'at-once-nul')).toBe(false);
  });
});
