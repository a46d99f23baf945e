import {
  compileFilter,
  filterProblems,
  storedFilterTest,
  type EventFilter,
} from '../../src/destinations/filter';
import { redactEnvelope, redactPathProblem } from '../../src/destinations/redact';

const envelope = {
  id: 'evt_1',
  type: 'flow.run.finished',
  timestamp: '2026-11-28T10:00:00.000Z',
  platformId: 'plt_1',
  projectId: 'p1',
  data: {
    flowRun: { status: 'FAILED', durationMs: 1200, tags: ['billing', 'nightly'] },
    user: { email: 'a@example.com' },
  },
};

/** `levels` of `$not` around one condition. */
const nested = (levels: number): EventFilter =>
  levels === 0 ? { type: 'x' } : { $not: nested(levels - 1) };

const matches = (filter: EventFilter) => {
  expect(filterProblems(filter)).toEqual([]);
  return compileFilter(filter)(envelope);
};

describe('event filters', () => {
  it.each<[string, EventFilter, boolean]>([
    ['a plain value is $eq', { 'data.flowRun.status': 'FAILED' }, true],
    ['a plain value that differs', { 'data.flowRun.status': 'SUCCEEDED' }, false],
    ['$eq', { projectId: { $eq: 'p1' } }, true],
    ['$ne', { projectId: { $ne: 'p1' } }, false],
    ['$ne on a missing field', { 'data.nothing': { $ne: 'x' } }, true],
    ['$gt', { 'data.flowRun.durationMs': { $gt: 1000 } }, true],
    ['$gte', { 'data.flowRun.durationMs': { $gte: 1200 } }, true],
    ['$lt', { 'data.flowRun.durationMs': { $lt: 1200 } }, false],
    ['$lte', { 'data.flowRun.durationMs': { $lte: 1200 } }, true],
    ['$gt on strings (ISO times)', { timestamp: { $gt: '2026-11-01' } }, true],
    ['$in', { 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] } }, true],
    ['$nin', { 'data.flowRun.status': { $nin: ['FAILED', 'TIMEOUT'] } }, false],
    ['$exists true', { 'data.user.email': { $exists: true } }, true],
    ['$exists false', { 'data.user.phone': { $exists: false } }, true],
    ['an array field matches one of its elements', { 'data.flowRun.tags': 'nightly' }, true],
    ['several conditions all hold', { projectId: 'p1', type: 'flow.run.finished' }, true],
    ['one of several fails', { projectId: 'p1', type: 'flow.created' }, false],
    ['$or', { $or: [{ projectId: 'p2' }, { projectId: 'p1' }] }, true],
    ['$or none', { $or: [{ projectId: 'p2' }, { projectId: 'p3' }] }, false],
    ['$and', { $and: [{ projectId: 'p1' }, { 'data.flowRun.status': 'FAILED' }] }, true],
    ['$not at the top', { $not: { projectId: 'p1' } }, false],
    ['$not on a field', { 'data.flowRun.status': { $not: { $in: ['SUCCEEDED'] } } }, true],
    [
      'DESIGN §4 example',
      {
        'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] },
        $or: [{ projectId: 'p1' }, { projectId: 'p2' }],
      },
      true,
    ],
    ['an object compared whole', { 'data.user': { email: 'a@example.com' } }, true],
    ['the empty filter matches all', {}, true],
  ])('%s', (_name, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it.each<[string, unknown, (string | number)[], RegExp]>([
    ['not an object', ['x'], [], /object of conditions/],
    [
      'an unknown field operator',
      { type: { $regex: '.*' } },
      ['type', '$regex'],
      /not an operator/,
    ],
    ['$where', { $where: 'true' }, ['$where'], /not allowed here/],
    ['a bad path', { 'data..x': 1 }, ['data..x'], /dotted path/],
    ['$gt with an object', { 'data.n': { $gt: {} } }, ['data.n', '$gt'], /number or a string/],
    ['$in without an array', { type: { $in: 'x' } }, ['type', '$in'], /array/],
    ['$exists not boolean', { type: { $exists: 1 } }, ['type', '$exists'], /true or false/],
    ['$or empty', { $or: [] }, ['$or'], /non-empty array/],
    [
      'a bad member of $or',
      { $or: [{ type: { $foo: 1 } }] },
      ['$or', 0, 'type', '$foo'],
      /not an operator/,
    ],
    ['mixed keys', { type: { $eq: 'a', b: 1 } }, ['type'], /mixes operators/],
    ['$not without operators', { type: { $not: 'x' } }, ['type', '$not'], /must hold operators/],
    ['a __proto__ segment', { 'data.__proto__.x': 1 }, ['data.__proto__.x'], /__proto__/],
    [
      'a constructor segment',
      { 'constructor.name': 'Object' },
      ['constructor.name'],
      /constructor/,
    ],
    [
      'nine levels of $not',
      nested(9),
      ['$not', '$not', '$not', '$not', '$not', '$not', '$not', '$not', '$not'],
      /deeper than 8 levels/,
    ],
  ])('names what is wrong: %s', (_name, filter, path, message) => {
    const problems = filterProblems(filter);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(path);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('stored filters', () => {
  it('compiles a stored text once and evaluates it like the filter it holds', () => {
    const text = JSON.stringify({ 'data.flowRun.status': 'FAILED' });
    const test = storedFilterTest(text);
    expect(storedFilterTest(text)).toBe(test);
    expect(test(envelope)).toBe(true);
    expect(storedFilterTest(JSON.stringify({ 'data.flowRun.status': 'OK' }))(envelope)).toBe(false);
  });
});

describe('redaction', () => {
  it('removes the paths from a copy and keeps the original', () => {
    const redacted = redactEnvelope(envelope, ['data.user.email', 'projectId', 'data.absent.x']);
    expect(redacted.data.user).toEqual({});
    expect('projectId' in redacted).toBe(false);
    expect(envelope.data.user.email).toBe('a@example.com');
    expect(envelope.projectId).toBe('p1');
  });

  it('refuses paths receivers need, and malformed ones', () => {
    expect(redactPathProblem('id')).toMatch(/receivers need id/);
    expect(redactPathProblem('data.user..x')).toMatch(/dotted path/);
    expect(redactPathProblem('data.user.email')).toBeUndefined();
    expect(redactPathProblem('constructor.prototype.toString')).toMatch(/constructor/);
  });

  it('accepts eight levels of nesting', () => {
    expect(filterProblems(nested(8))).toEqual([]);
  });

  it('never walks into a prototype, even for a path it would refuse', () => {
    const redacted = redactEnvelope(envelope, ['__proto__.toLocaleString']);
    expect(redacted).toEqual(envelope);
    // The copy's prototype, which may be another realm's under jest.
    expect(typeof Object.getPrototypeOf(redacted).toLocaleString).toBe('function');
  });
});
