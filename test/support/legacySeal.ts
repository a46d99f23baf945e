import { createCipheriv, randomBytes } from 'node:crypto';
import { keyIdOf } from '../../src/security/encryption';

/** A value as Herald sealed it before fields were bound (`v1.`, no associated data). */
export function legacySeal(base64Key: string, plaintext: string): string {
  const key = Buffer.from(base64Key, 'base64');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', keyIdOf(key), iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}
