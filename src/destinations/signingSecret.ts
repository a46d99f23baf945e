import { randomBytes } from 'node:crypto';

/** Standard Webhooks symmetric secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
