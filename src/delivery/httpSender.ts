import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { destinationUrlProblem } from '../destinations/rules';
import { transportErrorCode, type TransportErrorCode } from './classify';
import { ConcurrencyGate } from './concurrencyGate';
import {
  createGuardedLookup,
  forbiddenAddressReason,
  literalHostProblem,
  SSRF_REFUSED,
  type SsrfGuardOptions,
} from './ssrf';
import { tracedRequest } from './requestSpan';

export const RESPONSE_SNIPPET_BYTES = 4096;
/** Connections (and so requests in flight) per receiving origin, from one worker process. */
const CONNECTIONS_PER_ORIGIN = 32;

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
  timeoutMs: number;
  /** Aborts the request from outside (Temporal cancelled or timed out the attempt). */
  signal?: AbortSignal;
}

export type SendResult =
  | {
      kind: 'response';
      statusCode: number;
      retryAfter?: string;
      bodySnippet: string;
      /** The same first 4 KiB as bytes, for back ends that answer in protobuf. */
      bodyBytes: Buffer;
      durationMs: number;
    }
  | { kind: 'error'; error: string; code: TransportErrorCode; durationMs: number }
  /** The SSRF guard would not connect: nothing was sent, and retrying cannot help. */
  | { kind: 'refused'; error: string; durationMs: number };

/**
 * System CAs plus NODE_EXTRA_CA_CERTS. Node reads that variable only at process start; reading
 * the file here too keeps it working when it is set later (as the test suite does). Built once:
 * a `ca` list in the connect options would be parsed again for every new connection.
 */
function trustedContext(): tls.SecureContext | undefined {
  const extraFile = process.env.NODE_EXTRA_CA_CERTS;
  if (!extraFile) return undefined;
  return tls.createSecureContext({
    ca: [...tls.rootCertificates, readFileSync(extraFile, 'utf8')],
  });
}

export interface HttpSenderOptions {
  /** HERALD_ALLOW_HTTP as it is now: a URL stored while it was on is refused once it is off. */
  allowHttp: boolean;
  /** The SSRF guard; absent only with HERALD_ALLOW_PRIVATE_NETWORKS. */
  ssrfGuard?: SsrfGuardOptions;
}

/** One keep-alive pool per origin, shared by every attempt of this process. */
export function createHttpSender(options: HttpSenderOptions) {
  const guard = options.ssrfGuard;
  const isForbidden = guard?.isForbidden ?? forbiddenAddressReason;
  const dispatcher: Dispatcher = new Agent({
    connect: {
      secureContext: trustedContext(),
      ...(guard ? { lookup: createGuardedLookup(guard) } : {}),
    },
    keepAliveTimeout: 30_000,
    connections: CONNECTIONS_PER_ORIGIN,
  });
  // Herald keeps this queue rather than the HTTP pool's, so an attempt's timer starts when its
  // request is dispatched, not while it waits behind others to one origin.
  const gate = new ConcurrencyGate(CONNECTIONS_PER_ORIGIN);

  async function send(outbound: OutboundRequest): Promise<SendResult> {
    // The URL rules are checked again at every send: they may have tightened since it was saved.
    const urlProblem = destinationUrlProblem(outbound.url, { allowHttp: options.allowHttp });
    if (urlProblem) {
      return { kind: 'refused', error: `refused: the URL ${urlProblem}`, durationMs: 0 };
    }
    const literalProblem = guard ? literalHostProblem(outbound.url, isForbidden) : undefined;
    if (literalProblem) {
      return {
        kind: 'refused',
        error: `refused: ${literalProblem}; Herald delivers only to public addresses`,
        durationMs: 0,
      };
    }
    // Waiting for a free connection to the origin is not part of the attempt: the timer starts
    // once the request can be dispatched. Nothing was sent if none came free in time.
    const target = new URL(outbound.url);
    const release = await gate.acquire(target.origin, outbound.timeoutMs);
    if (!release) {
      return {
        kind: 'error',
        error: `no connection to this origin came free within ${outbound.timeoutMs} ms; nothing was sent`,
        code: 'timeout',
        durationMs: 0,
      };
    }
    try {
      return await tracedRequest(target, outbound.headers, (headers) =>
        dispatch({ ...outbound, headers }),
      );
    } finally {
      release();
    }
  }

  /** One request on the wire; every way it can end becomes a SendResult. */
  async function dispatch(outbound: OutboundRequest): Promise<SendResult> {
    const dispatchedAt = performance.now();
    const elapsed = () => Math.round(performance.now() - dispatchedAt);
    const timeout = AbortSignal.timeout(outbound.timeoutMs);
    const signal = outbound.signal ? AbortSignal.any([timeout, outbound.signal]) : timeout;
    try {
      const response = await request(outbound.url, {
        method: 'POST',
        headers: outbound.headers,
        body: outbound.body,
        dispatcher,
        signal,
        // undici's request() never follows redirects: a 3xx is an answer like any other.
      });
      const bodyBytes = await readSnippet(response.body);
      const retryAfter = response.headers['retry-after'];
      return {
        kind: 'response',
        statusCode: response.statusCode,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        // Postgres text refuses NUL, and a receiver may answer with anything.
        bodySnippet: bodyBytes.toString('utf8').replaceAll('\u0000', '\ufffd'),
        bodyBytes,
        durationMs: elapsed(),
      };
    } catch (error) {
      const message = describeFailure(
        error,
        { timeout, cancel: outbound.signal },
        outbound.timeoutMs,
      );
      if (hasCode(error, SSRF_REFUSED))
        return { kind: 'refused', error: message, durationMs: elapsed() };
      // Our own deadline, or Temporal's, ran out: a timeout whatever undici called it.
      const code =
        timeout.aborted || outbound.signal?.aborted
          ? 'timeout'
          : transportErrorCode(errorCodesOf(error));
      return { kind: 'error', error: message, code, durationMs: elapsed() };
    }
  }

  return { send, close: () => dispatcher.close() };
}

export type HttpSender = ReturnType<typeof createHttpSender>;

/** Reads at most 4 KiB and drops the rest, so a huge or endless answer costs nothing more. */
async function readSnippet(body: Dispatcher.ResponseData['body']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    length += buffer.length;
    if (length >= RESPONSE_SNIPPET_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES);
}

/**
 * The `code` of an error and of each cause under it. Not `instanceof Error`: Node's own errors
 * may come from another realm (as under jest), and their codes matter most.
 */
function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 10; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

function hasCode(error: unknown, code: string): boolean {
  return errorCodesOf(error).includes(code);
}

function describeFailure(
  error: unknown,
  signals: { timeout: AbortSignal; cancel: AbortSignal | undefined },
  timeoutMs: number,
): string {
  if (signals.cancel?.aborted) return 'aborted: Temporal cancelled or timed out this attempt';
  if (signals.timeout.aborted) return `timed out after ${timeoutMs} ms`;
  if (error instanceof undiciErrors.UndiciError) return `${error.message} (${error.code})`;
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const code = (error as Error & { code?: string }).code ?? cause?.code;
    const message = cause?.message ?? error.message;
    return code ? `${message} (${code})` : message;
  }
  return String(error);
}
