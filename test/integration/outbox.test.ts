import { connectDatabase, type Database } from '../../src/db/knex';
import { newId } from '../../src/ids';
import { EventOutbox, type OutboxEntry } from '../../src/events/outbox';
import { requireTestEnv } from '../support/environment';

let db: Database;
let outbox: EventOutbox;
const platformId = newId('plt');

beforeAll(async () => {
  db = connectDatabase(requireTestEnv('databaseUrl'));
  outbox = new EventOutbox(db, 1_000);
  await db('platforms').insert({ id: platformId, name: 'outbox test' });
});
afterAll(async () => {
  await db('events').where({ platform_id: platformId }).delete();
  await db('platforms').where({ id: platformId }).delete();
  await db.destroy();
});

const mine = (entries: OutboxEntry[]) =>
  entries
    .filter((entry) => entry.platformId === platformId)
    .map((entry) => entry.eventId)
    .sort();

it('claims due rows once, sets a failing one aside, and forgets started ones', async () => {
  await db('events').insert(
    ['a', 'b', 'c'].map((id) => ({
      platform_id: platformId,
      id,
      type: 'flow.created',
      occurred_at: new Date(),
      data: {},
      workflow_id: `event:${platformId}:${id}`,
      start_not_before: db.raw(`now() - interval '1 second'`),
    })),
  );
  await outbox.markFailed({ platformId, eventId: 'b', type: 'flow.created' }, 'Temporal said no');

  // b waits out its backoff; a and c are claimed, and leased so a second claim skips them.
  expect(mine(await outbox.claim(100))).toEqual(['a', 'c']);
  expect(mine(await outbox.claim(100))).toEqual([]);
  const setAside = await db('events').where({ platform_id: platformId, id: 'b' }).first();
  expect(setAside.start_error).toBe('Temporal said no');
  expect(setAside.workflow_started_at).toBeNull();

  await outbox.markStarted([{ platformId, eventId: 'a', type: 'flow.created' }]);
  const rows = await db('events')
    .where({ platform_id: platformId })
    .orderBy('id')
    .select('id', db.raw('workflow_started_at IS NOT NULL AS started'), 'start_attempts');
  expect(rows).toEqual([
    { id: 'a', started: true, start_attempts: 1 },
    { id: 'b', started: false, start_attempts: 0 },
    { id: 'c', started: false, start_attempts: 1 },
  ]);
});
