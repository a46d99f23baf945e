import { SHARED_INSERTS, SharedInserts, type StoredEventRow } from '../../src/events/sharedInserts';

const row = (id: string, platform = 'p1'): StoredEventRow => ({ platform_id: platform, id });

/** An insert whose statements the test answers one by one, as a database that already holds `stored`. */
function controlledInsert(stored: string[] = []) {
  const held = new Set(stored);
  const statements: { rows: StoredEventRow[]; answer: (error?: Error) => void }[] = [];
  const insert = (rows: StoredEventRow[]) =>
    new Promise<Pick<StoredEventRow, 'platform_id' | 'id'>[]>((resolve, reject) => {
      statements.push({
        rows,
        answer: (error) => {
          if (error) return reject(error);
          const fresh = rows.filter((r) => !held.has(`${r.platform_id}/${r.id}`));
          fresh.forEach((r) => held.add(`${r.platform_id}/${r.id}`));
          resolve(fresh.map(({ platform_id, id }) => ({ platform_id, id })));
        },
      });
    });
  return { insert, statements };
}

/** As many one-row calls as may be in flight: the next calls must wait. */
const fillStatements = (inserts: SharedInserts) =>
  Array.from({ length: SHARED_INSERTS.concurrency }, (_, n) => inserts.add([row(`x${n}`)]));

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('sends a call at once while few are under way, and makes the calls that wait share the next statement', async () => {
  const { insert, statements } = controlledInsert();
  const inserts = new SharedInserts(insert);
  const first = Array.from({ length: SHARED_INSERTS.concurrency }, (_, n) =>
    inserts.add([row(`a${n}`)]),
  );
  const waiting = [inserts.add([row('b1')]), inserts.add([row('b2'), row('b3')])];
  await settle();
  expect(statements.map((s) => s.rows.length)).toEqual([1, 1]);

  statements[0]!.answer();
  await settle();
  expect(statements[2]!.rows.map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
  statements.slice(1).forEach((s) => s.answer());
  expect(await Promise.all([...first, ...waiting])).toEqual([
    new Set(['a0']),
    new Set(['a1']),
    new Set(['b1']),
    new Set(['b2', 'b3']),
  ]);
});

it('inserts an id that two calls in one statement bring for the first only', async () => {
  const { insert, statements } = controlledInsert(['p1/old']);
  const inserts = new SharedInserts(insert);
  const busy = fillStatements(inserts);
  const earlier = inserts.add([row('same'), row('old')]);
  const later = inserts.add([row('same'), row('fresh')]);
  const otherPlatform = inserts.add([row('same', 'p2')]);
  await settle();
  statements.forEach((s) => s.answer());
  await settle();
  statements.slice(SHARED_INSERTS.concurrency).forEach((s) => s.answer());
  await Promise.all(busy);
  expect(await earlier).toEqual(new Set(['same']));
  expect(await later).toEqual(new Set(['fresh']));
  expect(await otherPlatform).toEqual(new Set(['same']));
  const shared = statements[SHARED_INSERTS.concurrency]!.rows;
  expect(shared).toEqual([row('same'), row('old'), row('fresh'), row('same', 'p2')]);
});

it('tries each call alone when a shared statement fails, so only the call Postgres refuses fails', async () => {
  const { insert, statements } = controlledInsert();
  const inserts = new SharedInserts(insert);
  const busy = fillStatements(inserts);
  const good = inserts.add([row('good')]);
  const bad = inserts.add([row('bad')]);
  await settle();
  statements.forEach((s) => s.answer());
  await settle();
  statements[SHARED_INSERTS.concurrency]!.answer(new Error('unsupported Unicode escape'));
  await settle();
  const alone = statements.slice(SHARED_INSERTS.concurrency + 1);
  expect(alone.map((s) => s.rows.map((r) => r.id))).toEqual([['good'], ['bad']]);
  alone[0]!.answer();
  alone[1]!.answer(new Error('unsupported Unicode escape'));
  await Promise.all(busy);
  expect(await good).toEqual(new Set(['good']));
  await expect(bad).rejects.toThrow('unsupported Unicode escape');
});

it('fails every call of a statement at once while Postgres cannot be reached', async () => {
  const { insert, statements } = controlledInsert();
  const inserts = new SharedInserts(insert);
  const busy = fillStatements(inserts);
  const calls = [inserts.add([row('a')]), inserts.add([row('b')])];
  await settle();
  statements.forEach((s) => s.answer());
  await settle();
  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  statements[SHARED_INSERTS.concurrency]!.answer(refused);
  await Promise.all(busy);
  for (const call of calls) await expect(call).rejects.toBe(refused);
  expect(statements).toHaveLength(SHARED_INSERTS.concurrency + 1);
});

it('sends a call with many rows at once in a statement of its own, however many are under way', async () => {
  const { insert, statements } = controlledInsert();
  const inserts = new SharedInserts(insert);
  const busy = fillStatements(inserts);
  const small = inserts.add([row('small')]);
  const many = Array.from({ length: SHARED_INSERTS.aloneFromRows }, (_, n) => row(`many${n}`));
  const large = inserts.add(many);
  await settle();
  expect(statements.map((s) => s.rows.length)).toEqual([1, 1, SHARED_INSERTS.aloneFromRows]);
  statements[2]!.answer();
  expect((await large).size).toBe(SHARED_INSERTS.aloneFromRows);
  statements.slice(0, 2).forEach((s) => s.answer());
  await settle();
  statements[3]!.answer();
  await Promise.all([...busy, small]);
});
