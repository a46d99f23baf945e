import { randomBytes } from 'node:crypto';
import { toPage } from '../../src/api/pagination';
import { listQuerySchema } from '../../src/api/pagination';
import { newId } from '../../src/ids';
import { hashSecret, issueApiKey, secretMatches, splitApiKey } from '../../src/platforms/apiKeys';
import { createSecretBox } from '../../src/security/encryption';

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

describe('secret box (AES-256-GCM at rest)', () => {
  const key = randomBytes(32).toString('base64');
  it('round-trips and never stores the plaintext', () => {
    const box = createSecretBox(key);
    const sealed = box.encrypt('whsec_secret-value');
    expect(sealed).not.toContain('secret-value');
    expect(sealed.split('.')).toHaveLength(5);
    expect(box.decrypt(sealed)).toBe('whsec_secret-value');
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });
  it('refuses a tampered value', () => {
    const box = createSecretBox(key);
    const sealed = box.encrypt('value');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.decrypt(parts.join('.'))).toThrow();
  });
  it('reads values sealed under a previous key after a key rotation', () => {
    const previous = createSecretBox(key);
    const sealed = previous.encrypt('value');
    const rotated = createSecretBox(randomBytes(32).toString('base64'), [key]);
    expect(rotated.decrypt(sealed)).toBe('value');
    expect(() => createSecretBox(randomBytes(32).toString('base64')).decrypt(sealed)).toThrow(
      /key id/,
    );
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
