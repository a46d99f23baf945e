import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../ids';

export const API_KEY_ROLES = ['admin', 'ingest'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * A key reads `<keyId>.<secret>`: the id finds the row, the secret is compared by hash.
 * Only the SHA-256 of the secret is stored; the key is shown once, at creation.
 */
export interface IssuedApiKey {
  id: string;
  key: string;
  secretHash: Buffer;
}

export function issueApiKey(): IssuedApiKey {
  const id = newId('key');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function splitApiKey(key: string): { id: string; secret: string } | undefined {
  const dot = key.indexOf('.');
  if (dot <= 0 || dot === key.length - 1) return undefined;
  return { id: key.slice(0, dot), secret: key.slice(dot + 1) };
}

/** Equal-length digests compared in constant time, so timing says nothing about the secret. */
export function secretMatches(secret: string, expectedHash: Buffer): boolean {
  const actual = hashSecret(secret);
  return actual.length === expectedHash.length && timingSafeEqual(actual, expectedHash);
}
