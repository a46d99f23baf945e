import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for secrets at rest. The stored form is `v1.<keyId>.<iv>.<tag>.<ciphertext>`
 * (base64url parts); the key id is the first bytes of the key's SHA-256, so a rotated key
 * can be told apart from the one a value was written with.
 */
export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(stored: string): string;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
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

  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentKeyId, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(stored) {
      const [version, keyId, iv, tag, ciphertext] = stored.split('.');
      const key = keyId === undefined ? undefined : keys.get(keyId);
      if (
        version !== 'v1' ||
        !key ||
        iv === undefined ||
        tag === undefined ||
        ciphertext === undefined
      ) {
        throw new Error(`cannot decrypt a value sealed with key id ${keyId ?? '?'}`);
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}
