import { formatRejection, honoursRetryAfter, type DestinationFormat } from './formats';

/** What one HTTP answer (or failure to get one) means for the delivery. Pure; see DESIGN §6. */
export type AttemptVerdict =
  | { kind: 'succeeded' }
  | { kind: 'gone' }
  /** The back end refused this payload for good (a format's rule): failed, not retried. */
  | { kind: 'rejected'; reason: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** The shortest wait a Retry-After can ask for ("0", or a date already past). */
export const MIN_RETRY_AFTER_MS = 1_000;

export function classifyResponse(
  statusCode: number,
  retryAfterHeader: string | undefined,
  options: {
    now: Date;
    maxIntervalMs: number;
    /** The destination's format and the answer's first bytes (DESIGN §5's back-end rules). */
    format?: DestinationFormat;
    body?: Buffer;
  },
): AttemptVerdict {
  const format = options.format ?? 'webhook';
  const rejection = formatRejection(format, statusCode, options.body ?? Buffer.alloc(0));
  if (rejection) return { kind: 'rejected', reason: rejection.reason };
  if (statusCode >= 200 && statusCode < 300) return { kind: 'succeeded' };
  if (statusCode === 410) return { kind: 'gone' };
  const reason = `receiver answered ${statusCode}`;
  if (honoursRetryAfter(format, statusCode)) {
    const delay = parseRetryAfter(retryAfterHeader, options.now);
    // Temporal reads a next-retry delay of 0 as "no more retries": "now" becomes the shortest wait.
    if (delay !== undefined) {
      const retryAfterMs = Math.max(MIN_RETRY_AFTER_MS, Math.min(delay, options.maxIntervalMs));
      return { kind: 'retry', reason, retryAfterMs };
    }
  }
  return { kind: 'retry', reason };
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | undefined, now: Date): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, date - now.getTime());
}

/**
 * DESIGN §4 `errorCode`: why an attempt or a test did not succeed, in words a UI can show.
 * `blocked`: Herald would not send (SSRF guard, URL rule, a secret that does not open);
 * `http-status`: the receiver answered, not with success; the others: no answer came.
 */
export const ATTEMPT_ERROR_CODES = [
  'blocked',
  'timeout',
  'tls',
  'connection',
  'http-status',
] as const;
export type AttemptErrorCode = (typeof ATTEMPT_ERROR_CODES)[number];
export type TransportErrorCode = Extract<AttemptErrorCode, 'timeout' | 'tls' | 'connection'>;

const TLS_ERROR_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|ERR_OSSL_)/;
const TIMEOUT_ERROR_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
]);

/** A request that got no answer, by the error codes along its cause chain. */
export function transportErrorCode(errorCodes: readonly string[]): TransportErrorCode {
  if (errorCodes.some((code) => TLS_ERROR_CODE.test(code))) return 'tls';
  if (errorCodes.some((code) => TIMEOUT_ERROR_CODES.has(code))) return 'timeout';
  return 'connection';
}
