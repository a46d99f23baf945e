import { SpanStatusCode } from '@opentelemetry/api';
import { inSpan, SpanKind, withTraceHeaders } from '../telemetry/spans';
import type { OutboundRequest, SendResult } from './httpSender';

/** Where a request goes, for its span: scheme, host and port only (paths and queries hold tokens). */
function serverOf(url: string) {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === 'https:' ? 443 : 80;
  return { address: parsed.hostname, port: parsed.port === '' ? defaultPort : Number(parsed.port) };
}

/**
 * The outbound request as an OpenTelemetry client span (HTTP semantic conventions), whose
 * context the receiver gets as `traceparent`, so its own traces join the delivery's.
 */
export function tracedRequest(
  outbound: OutboundRequest,
  send: (headers: Record<string, string>) => Promise<SendResult>,
): Promise<SendResult> {
  const server = serverOf(outbound.url);
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
      const result = await send(withTraceHeaders(outbound.headers));
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
