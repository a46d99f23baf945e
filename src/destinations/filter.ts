import {
  $and,
  $eq,
  $exists,
  $gt,
  $gte,
  $in,
  $lt,
  $lte,
  $ne,
  $nin,
  $nor,
  $not,
  $or,
  createQueryTester,
} from 'sift';
import { dottedPathProblem } from './dottedPath';

/**
 * A destination's `filter` (DESIGN §4): conditions on the envelope in the JSON operator form of
 * Convoy and Outpost, evaluated by sift with only the operators below enabled (never `$where`
 * or `$regex`). `filterProblems` names what is wrong for a 400; `compileFilter` evaluates.
 */
export const EVENT_FILTER_MAX_BYTES = 4096;
/** Nested $and / $or / $not levels: more reads as a mistake, and costs every event it meets. */
export const EVENT_FILTER_MAX_DEPTH = 8;

export type EventFilter = Record<string, unknown>;

export interface FilterProblem {
  path: (string | number)[];
  message: string;
}

const COMPARED = new Set(['$gt', '$gte', '$lt', '$lte']);
const FIELD_OPERATORS = new Set(['$eq', '$ne', ...COMPARED, '$in', '$nin', '$exists', '$not']);
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$not']);
const OPERATOR_LIST = '$eq $ne $gt $gte $lt $lte $in $nin $exists $and $or $not';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fieldConditionProblems(condition: unknown, path: (string | number)[]): FilterProblem[] {
  if (!isObject(condition)) return [];
  const keys = Object.keys(condition);
  const operators = keys.filter((key) => key.startsWith('$'));
  if (operators.length === 0) return []; // an object compared whole ($eq)
  if (operators.length !== keys.length)
    return [{ path, message: 'mixes operators and plain keys; use one or the other' }];
  return operators.flatMap((operator): FilterProblem[] => {
    const operand = condition[operator];
    const at = [...path, operator];
    if (!FIELD_OPERATORS.has(operator))
      return [{ path: at, message: `is not an operator (use ${OPERATOR_LIST})` }];
    if (COMPARED.has(operator) && typeof operand !== 'number' && typeof operand !== 'string')
      return [{ path: at, message: 'must compare with a number or a string' }];
    if ((operator === '$in' || operator === '$nin') && !Array.isArray(operand))
      return [{ path: at, message: 'must be an array of values' }];
    if (operator === '$exists' && typeof operand !== 'boolean')
      return [{ path: at, message: 'must be true or false' }];
    if (operator === '$not') {
      if (!isObject(operand) || !Object.keys(operand).every((key) => key.startsWith('$')))
        return [{ path: at, message: 'must hold operators, such as {"$eq": "FAILED"}' }];
      return fieldConditionProblems(operand, at);
    }
    return [];
  });
}

/** Everything wrong with a filter, each with where it is (empty when it is valid). */
export function filterProblems(
  filter: unknown,
  path: (string | number)[] = [],
  depth = 0,
): FilterProblem[] {
  if (!isObject(filter)) return [{ path, message: 'must be an object of conditions' }];
  if (depth > EVENT_FILTER_MAX_DEPTH)
    return [
      { path, message: `nests deeper than ${EVENT_FILTER_MAX_DEPTH} levels of $and, $or and $not` },
    ];
  return Object.entries(filter).flatMap(([key, value]): FilterProblem[] => {
    const at = [...path, key];
    if (key.startsWith('$')) {
      if (!LOGICAL_OPERATORS.has(key))
        return [
          { path: at, message: `is not allowed here (use $and, $or, $not or a dotted path)` },
        ];
      if (key === '$not') return filterProblems(value, at, depth + 1);
      if (!Array.isArray(value) || value.length === 0)
        return [{ path: at, message: 'must be a non-empty array of conditions' }];
      return value.flatMap((member, index) => filterProblems(member, [...at, index], depth + 1));
    }
    const pathProblem = dottedPathProblem(key, 'data.flowRun.status');
    if (pathProblem) return [{ path: at, message: pathProblem }];
    return fieldConditionProblems(value, at);
  });
}

/** A top-level `$not` is spelled `$nor` for sift, which knows `$not` only on a field. */
function forSift(filter: EventFilter): EventFilter {
  return Object.fromEntries(
    Object.entries(filter).map(([key, value]) => {
      if (key === '$not') return ['$nor', [forSift(value as EventFilter)]];
      if (key === '$and' || key === '$or')
        return [key, (value as EventFilter[]).map((member) => forSift(member))];
      return [key, value];
    }),
  );
}

const OPERATIONS = { $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $exists, $and, $or, $not, $nor };

export type EnvelopeTest = (envelope: object) => boolean;

/** A predicate on envelopes; the filter must be one `filterProblems` found nothing wrong with. */
export function compileFilter(filter: EventFilter): EnvelopeTest {
  const test = createQueryTester(forSift(filter), { operations: OPERATIONS });
  return (envelope) => test(envelope);
}

/** Compiled filters kept by their stored JSON text; emptied whole when it reaches this size. */
const COMPILED_FILTERS_MAX = 10_000;
const compiledFilters = new Map<string, EnvelopeTest>();

/**
 * The compiled form of a stored filter (its JSON text, as Postgres answers `filter::text`).
 * Compiling costs about ten times what evaluating does, and every fan-out of a filtered
 * destination needs one, so each text is compiled once per process.
 */
export function storedFilterTest(filterText: string): EnvelopeTest {
  let test = compiledFilters.get(filterText);
  if (!test) {
    if (compiledFilters.size >= COMPILED_FILTERS_MAX) compiledFilters.clear();
    test = compileFilter(JSON.parse(filterText) as EventFilter);
    compiledFilters.set(filterText, test);
  }
  return test;
}
