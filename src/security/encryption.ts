import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. The stored form is `v2.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url parts); the key id is the first bytes of the key's SHA-256, so a rotated key can be
 * told apart from the one a value was written with. A value is bound to the field it was written
 * to (table, column, row) as associated data: copied into another row or column it does not open,
 * so someone who can write to the database cannot move one platform's secret into a destination
 * of theirs and have Herald send it. Tags are always 16 bytes; a shortened one is refused.
 */
export interface SealedField {
  table: string;
  column: string;
  rowId: string;
}

export interface SecretBox {
  encrypt(plaintext: string, field: SealedField): string;
  decrypt(stored: string, field: SealedField): string;
  /** Values written before fields were bound (`v1.`), read once by the re-seal at start-up. */
  decryptUnbound(stored: string): string;
}

const VERSION = 'v2';
const UNBOUND_VERSION = 'v1';
const TAG_BYTES = 16;

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function isUnbound(stored: string): boolean {
  return stored.startsWith(`${UNBOUND_VERSION}.`);
}

function associatedData(field: SealedField): Buffer {
  return Buffer.from(`${field.table}.${field.column}:${field.rowId}`, 'utf8');
}

export function createSecretBox(base64Key: string, previousBase64Keys: string[] = []): SecretBox {
  const current = Buffer.from(base64Key, 'base64');
  if (current.length !== 32) throw new Error('HERALD_SECRET_KEY must be 32 bytes');
  const keys = new Map(
    [current, ...previousBase64Keys.map((k) => Buffer.from(k, 'base64'))].map((k) => [
      keyIdOf(k),
      k,
    ]),
  );
  const currentKeyId = keyIdOf(current);

  function open(stored: string, version: string, aad: Buffer | undefined): string {
    const [storedVersion, keyId, iv, tag, ciphertext] = stored.split('.');
    const key = keyId === undefined ? undefined : keys.get(keyId);
    if (storedVersion !== version || !key || !iv || !tag || ciphertext === undefined) {
      throw new Error(`cannot decrypt a value sealed with key id ${keyId ?? '?'}`);
    }
    const tagBytes = Buffer.from(tag, 'base64url');
    if (tagBytes.length !== TAG_BYTES) throw new Error('refusing a shortened authentication tag');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  return {
    encrypt(plaintext, field) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(field));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, currentKeyId, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt: (stored, field) => open(stored, VERSION, associatedData(field)),
    decryptUnbound: (stored) => open(stored, UNBOUND_VERSION, undefined),
  };
}
