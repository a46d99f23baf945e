import { SpanStatusCode } from '@opentelemetry/api';
import { inSpan, SpanKind, withTraceHeaders } from '../telemetry/spans';
import type { SendResult } from './httpSender';

/** Where a request goes, for its span: host and port only (paths and queries hold tokens). */
function serverOf(url: URL) {
  const defaultPort = url.protocol === 'https:' ? 443 : 80;
  return { address: url.hostname, port: url.port === '' ? defaultPort : Number(url.port) };
}

/**
 * The outbound request as an OpenTelemetry client span (HTTP semantic conventions), whose
 * context the receiver gets as `traceparent`, so its own traces join the delivery's.
 */
export function tracedRequest(
  url: URL,
  headers: Record<string, string>,
  send: (headers: Record<string, string>) => Promise<SendResult>,
): Promise<SendResult> {
  const server = serverOf(url);
  return inSpan(
    'POST',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': 'POST',
        'server.address': server.address,
        'server.port': server.port,
      },
    },
    async (span) => {
      const result = await send(withTraceHeaders(headers));
      if (result.kind === 'response') {
        span.setAttribute('http.response.status_code', result.statusCode);
        if (result.statusCode >= 400) {
          span.setAttribute('error.type', String(result.statusCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
      } else {
        span.setAttribute('error.type', result.kind === 'error' ? result.code : 'blocked');
        span.setStatus({ code: SpanStatusCode.ERROR, message: result.error });
      }
      return result;
    },
  );
}
