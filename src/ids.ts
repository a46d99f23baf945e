import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

export type IdPrefix = 'plt' | 'dst' | 'evt' | 'dlv' | 'key' | 'tdr' | 'bfl';

/**
 * `<prefix>_` + 10 chars of millisecond time + 16 random chars (ULID layout, lower case):
 * ids sort by creation time, which is what keyset pagination orders by.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = '';
  let remaining = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  const random = Array.from(randomBytes(16), (byte) => CROCKFORD[byte % 32]).join('');
  return `${prefix}_${time}${random}`;
}
