import { HERALD_VERSION } from '../version';
import { signatureHeader } from './signature';

/** Builds the signed request of DESIGN §5; custom headers were vetted against the reserved names. */
export function outboundHeaders(options: {
  webhookId: string;
  body: string;
  secrets: readonly string[];
  customHeaders: Record<string, string>;
  now: Date;
}): Record<string, string> {
  const timestamp = Math.floor(options.now.getTime() / 1000);
  return {
    ...options.customHeaders,
    'content-type': 'application/json',
    'user-agent': `Herald/${HERALD_VERSION}`,
    'webhook-id': options.webhookId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureHeader(
      options.secrets,
      options.webhookId,
      timestamp,
      options.body,
    ),
  };
}
