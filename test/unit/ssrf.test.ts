import type { LookupFunction } from 'node:net';
import {
  createGuardedLookup,
  forbiddenAddressReason,
  literalHostProblem,
} from '../../src/delivery/ssrf';

const FORBIDDEN_ADDRESSES = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.1', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'linkLocal'],
  ['169.254.0.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.100.100.200', 'carrierGradeNat'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'uniqueLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['::ffff:127.0.0.1', 'ipv4Mapped'],
  ['::ffff:10.0.0.1', 'ipv4Mapped'],
  ['::ffff:169.254.169.254', 'ipv4Mapped'],
  ['2002:7f00:1::', '6to4'],
  ['2002:a00:1::', '6to4'],
  ['64:ff9b::7f00:1', 'rfc6052'],
  ['64:ff9b::a9fe:a9fe', 'rfc6052'],
  ['2001::1', 'teredo'],
  ['::7f00:1', 'IPv4-compatible'],
  ['fec0::1', 'deprecatedSiteLocal'],
  ['100::1', 'discard'],
] as const;

describe('forbiddenAddressReason', () => {
  it.each(FORBIDDEN_ADDRESSES)('refuses %s (%s)', (address, range) => {
    expect(forbiddenAddressReason(address)).toContain(range);
  });
  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:81a::200e',
  ])('allows public %s', (address) => expect(forbiddenAddressReason(address)).toBeUndefined());
  it('counts at least 40 forbidden cases', () =>
    expect(FORBIDDEN_ADDRESSES.length).toBeGreaterThanOrEqual(40));
});

describe('literalHostProblem normalises every IP literal form before checking', () => {
  it.each([
    'https://127.0.0.1/',
    'https://127.1/',
    'https://2130706433/',
    'https://0x7f000001/',
    'https://0177.0.0.1/',
    'https://0x7f.0.0.1/',
    'https://0x7f.1/',
    'https://017700000001/',
    'https://[::1]/',
    'https://[0:0:0:0:0:0:0:1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://[::ffff:7f00:1]/',
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://0/',
    'https://10.1/',
  ])('refuses %s', (url) => expect(literalHostProblem(url)).toBeDefined());

  it('leaves host names to the guarded lookup', () => {
    expect(literalHostProblem('https://hooks.example.com/')).toBeUndefined();
    expect(literalHostProblem('https://93.184.216.34/')).toBeUndefined();
  });
});

function lookupOnce(lookup: LookupFunction, hostname: string, all: boolean) {
  return new Promise<{ error: Error | null; result: unknown }>((resolve) => {
    (
      lookup as unknown as (
        h: string,
        o: object,
        cb: (e: Error | null, r?: unknown, f?: number) => void,
      ) => void
    )(hostname, { all }, (error, result) => resolve({ error, result }));
  });
}

describe('createGuardedLookup', () => {
  it.each([
    ['localhost', [{ address: '127.0.0.1', family: 4 }]],
    ['internal.example', [{ address: '10.0.0.5', family: 4 }]],
    ['metadata.google.internal', [{ address: '169.254.169.254', family: 4 }]],
    ['v6.example', [{ address: 'fd00:ec2::254', family: 6 }]],
    [
      'mixed.example',
      [
        { address: '93.184.216.34', family: 4 },
        { address: '127.0.0.1', family: 4 },
      ],
    ],
  ])('refuses %s when it resolves to a forbidden address', async (hostname, addresses) => {
    const lookup = createGuardedLookup({ resolve: async () => addresses });
    const { error } = await lookupOnce(lookup, hostname, true);
    expect(error?.message).toMatch(/^refused: /);
    // The kind of address, never the address: the refusal must not resolve names for the caller.
    for (const { address } of addresses) expect(error?.message).not.toContain(address);
  });

  it('hands the socket exactly the addresses it checked, resolving once', async () => {
    let calls = 0;
    const lookup = createGuardedLookup({
      resolve: async () => {
        calls += 1;
        return [{ address: calls === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
      },
    });
    expect(await lookupOnce(lookup, 'rebind.example', true)).toEqual({
      error: null,
      result: [{ address: '93.184.216.34', family: 4 }],
    });
    expect(calls).toBe(1);
    // The next connection resolves afresh, and the rebound answer is refused.
    expect((await lookupOnce(lookup, 'rebind.example', false)).error?.message).toMatch(/loopback/);
  });
});
