import { renderBody, type EventEnvelope } from '../payload';
import { renderOtlp, otlpRejection, type OtlpContext } from './otlp';
import { renderSplunkHec, splunkRejection } from './splunkHec';

/** DESIGN §4 `format`: how a destination's body is shaped. */
export const DESTINATION_FORMATS = ['webhook', 'otlp-json', 'otlp-protobuf', 'splunk-hec'] as const;
export type DestinationFormat = (typeof DESTINATION_FORMATS)[number];

/** What goes on the wire, and what the `webhook-signature` covers (the body's bytes before gzip). */
export interface RenderedBody {
  body: Buffer;
  signedPayload: Buffer;
  contentType: string;
  contentEncoding?: 'gzip';
}

export function renderFor(
  format: DestinationFormat,
  envelope: EventEnvelope,
  context: OtlpContext,
): RenderedBody {
  switch (format) {
    case 'webhook': {
      const body = Buffer.from(renderBody(envelope));
      return { body, signedPayload: body, contentType: 'application/json' };
    }
    case 'splunk-hec': {
      const body = Buffer.from(renderSplunkHec(envelope));
      return { body, signedPayload: body, contentType: 'application/json' };
    }
    case 'otlp-json':
    case 'otlp-protobuf': {
      const otlp = renderOtlp(envelope, context, format === 'otlp-json' ? 'json' : 'protobuf');
      return {
        body: otlp.body,
        signedPayload: otlp.uncompressed,
        contentType: otlp.contentType,
        ...(otlp.gzip ? { contentEncoding: 'gzip' as const } : {}),
      };
    }
  }
}

/**
 * A 2xx that still refused the event, or a 400 from a log back end (the payload itself is
 * wrong, so retrying sends the same refusal); undefined when the generic rules apply.
 */
export function formatRejection(
  format: DestinationFormat,
  statusCode: number,
  body: Buffer,
): { reason: string } | undefined {
  if (format === 'webhook') return undefined;
  if (statusCode === 400)
    return { reason: `the ${format} back end answered 400: it will not take this payload` };
  if (statusCode < 200 || statusCode >= 300) return undefined;
  if (format === 'splunk-hec') {
    const refusal = splunkRejection(body);
    return refusal ? { reason: `Splunk HEC refused the event: ${refusal}` } : undefined;
  }
  const rejection = otlpRejection(body, format === 'otlp-json' ? 'json' : 'protobuf');
  return rejection
    ? {
        reason: `the OTLP back end rejected ${rejection.rejected} log record(s)${rejection.message ? `: ${rejection.message}` : ''}`,
      }
    : undefined;
}

/** Statuses whose Retry-After a format's back end means (OTLP/HTTP adds 502 and 504). */
export function honoursRetryAfter(format: DestinationFormat, statusCode: number): boolean {
  if (statusCode === 429 || statusCode === 503) return true;
  return format.startsWith('otlp-') && (statusCode === 502 || statusCode === 504);
}
