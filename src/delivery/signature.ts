import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks, symmetric v1: base64 HMAC-SHA256 keyed with the decoded `whsec_` secret,
 * over `<webhook-id>.<webhook-timestamp>.<body>` (the body's bytes, for a binary format too).
 */
export function signPayload(
  secret: string,
  webhookId: string,
  timestampSeconds: number,
  body: string | Buffer,
): string {
  const key = Buffer.from(
    secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret,
    'base64',
  );
  const mac = createHmac('sha256', key)
    .update(`${webhookId}.${timestampSeconds}.`)
    .update(body)
    .digest('base64');
  return `v1,${mac}`;
}

/** One `v1,` signature per live secret, space-separated, so a rotation overlap verifies with either. */
export function signatureHeader(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string | Buffer,
): string {
  return secrets.map((secret) => signPayload(secret, webhookId, timestampSeconds, body)).join(' ');
}
