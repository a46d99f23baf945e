import { randomBytes } from 'node:crypto';
import { toPage } from '../../src/api/pagination';
import { listQuerySchema } from '../../src/api/pagination';
import { newId } from '../../src/ids';
import { hashSecret, issueApiKey, secretMatches, splitApiKey } from '../../src/platforms/apiKeys';
import { createSecretBox } from '../../src/security/encryption';
import { legacySeal } from '../support/legacySeal';

describe('API keys', () => {
  it('issues `<keyId>.<secret>` and stores only a hash of the secret', () => {
    const issued = issueApiKey();
    const parts = splitApiKey(issued.key);
    expect(parts?.id).toBe(issued.id);
    expect(issued.secretHash.equals(hashSecret(parts!.secret))).toBe(true);
    expect(issued.secretHash.toString('hex')).not.toContain(parts!.secret);
  });
  it('matches the right secret only', () => {
    const issued = issueApiKey();
    const { secret } = splitApiKey(issued.key)!;
    expect(secretMatches(secret, issued.secretHash)).toBe(true);
    expect(secretMatches(`${secret}x`, issued.secretHash)).toBe(false);
    expect(secretMatches('', issued.secretHash)).toBe(false);
  });
  it.each(['', 'nodot', '.secret', 'key_x.'])('refuses to split %j', (key) =>
    expect(splitApiKey(key)).toBeUndefined(),
  );
});

describe('secret box (AES-256-GCM at rest, bound to its field)', () => {
  const key = randomBytes(32).toString('base64');
  const field = { table: 'event_destinations', column: 'headers_encrypted', rowId: 'dst_1' };
  it('round-trips and never stores the plaintext', () => {
    const box = createSecretBox(key);
    const sealed = box.encrypt('whsec_secret-value', field);
    expect(sealed).not.toContain('secret-value');
    expect(sealed.split('.')).toHaveLength(5);
    expect(box.decrypt(sealed, field)).toBe('whsec_secret-value');
    expect(box.encrypt('same', field)).not.toBe(box.encrypt('same', field));
  });
  it('refuses a tampered value', () => {
    const box = createSecretBox(key);
    const parts = box.encrypt('value', field).split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.decrypt(parts.join('.'), field)).toThrow();
  });
  it.each([
    ['another row', { ...field, rowId: 'dst_2' }],
    ['another column', { ...field, column: 'signing_secret_encrypted' }],
    ['another table', { ...field, table: 'test_delivery_requests' }],
  ])('refuses a value moved to %s', (_where, elsewhere) => {
    const box = createSecretBox(key);
    expect(() => box.decrypt(box.encrypt('value', field), elsewhere)).toThrow();
  });
  it.each([4, 8, 12])('refuses a tag shortened to %i bytes', (bytes) => {
    const box = createSecretBox(key);
    const parts = box.encrypt('value', field).split('.');
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, bytes).toString('base64url');
    expect(() => box.decrypt(parts.join('.'), field)).toThrow(/shortened/);
  });
  it('opens an unbound (v1) value only through decryptUnbound, for the re-seal', () => {
    const box = createSecretBox(key);
    const unbound = legacySeal(key, 'value');
    expect(box.decryptUnbound(unbound)).toBe('value');
    expect(() => box.decrypt(unbound, field)).toThrow();
    expect(() => box.decryptUnbound(box.encrypt('value', field))).toThrow();
  });
  it('reads values sealed under a previous key after a key rotation', () => {
    const previous = createSecretBox(key);
    const sealed = previous.encrypt('value', field);
    const rotated = createSecretBox(randomBytes(32).toString('base64'), [key]);
    expect(rotated.decrypt(sealed, field)).toBe('value');
    expect(() =>
      createSecretBox(randomBytes(32).toString('base64')).decrypt(sealed, field),
    ).toThrow(/key id/);
  });
});

describe('ids and cursors', () => {
  it('makes prefixed ids that sort by creation time', () => {
    const earlier = newId('dst', 1_000_000);
    const later = newId('dst', 2_000_000);
    expect(earlier).toMatch(/^dst_[0-9a-z]{26}$/);
    expect(earlier < later).toBe(true);
  });
  it('pages with an opaque cursor that round-trips', () => {
    const rows = [{ id: newId('dst') }, { id: newId('dst') }, { id: newId('dst') }];
    const page = toPage(rows, 2);
    expect(page.data).toHaveLength(2);
    expect(listQuerySchema.parse({ cursor: page.next }).cursor).toBe(rows[1]!.id);
    expect(toPage(rows, 3).next).toBeNull();
  });
});
