import { prototypeKeyPath } from '../../src/api/prototypeKeys';

describe('prototypeKeyPath', () => {
  it.each<[string, string, string | undefined]>([
    ['a clean body', '{"a":{"b":[1,{"c":null}]},"d":"__proto__"}', undefined],
    ['at the top', '{"__proto__":{"x":1}}', '__proto__'],
    ['in a filter', '{"filter":{"__proto__":{"$eq":1}}}', 'filter.__proto__'],
    ['inside an array', '{"events":[{"data":{"__proto__":1}}]}', 'events[0].data.__proto__'],
    ['spelled with escapes', '{"data":{"\\u005f_proto__":1}}', 'data.__proto__'],
    ['a scalar body', '42', undefined],
  ])('%s', (_name, json, path) => {
    expect(prototypeKeyPath(JSON.parse(json))).toBe(path);
  });

  it('walks any depth without recursion', () => {
    const depth = 100_000;
    const json = `${'{"a":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`;
    expect(prototypeKeyPath(JSON.parse(json))).toMatch(/^a\.a\..*\.__proto__$/);
  });
});
