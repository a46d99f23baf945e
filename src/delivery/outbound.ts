import { headerNameProblem } from '../destinations/rules';
import { HERALD_VERSION } from '../version';
import { signatureHeader } from './signature';

/**
 * Builds the signed request of DESIGN §5. Custom headers were vetted when saved; one the rules
 * refuse now (saved before a rule existed) is left out rather than break every attempt.
 */
export function outboundHeaders(options: {
  webhookId: string;
  /** What the signature covers: the body's bytes before any content-encoding. */
  signedPayload: string | Buffer;
  contentType?: string;
  contentEncoding?: 'gzip';
  secrets: readonly string[];
  customHeaders: Record<string, string>;
  now: Date;
}): Record<string, string> {
  const timestamp = Math.floor(options.now.getTime() / 1000);
  const allowedCustom = Object.entries(options.customHeaders).filter(
    ([name]) => headerNameProblem(name) === undefined,
  );
  return {
    ...Object.fromEntries(allowedCustom),
    'content-type': options.contentType ?? 'application/json',
    ...(options.contentEncoding ? { 'content-encoding': options.contentEncoding } : {}),
    'user-agent': `Herald/${HERALD_VERSION}`,
    'webhook-id': options.webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(
      options.secrets,
      options.webhookId,
      timestamp,
      options.signedPayload,
    ),
  };
}
