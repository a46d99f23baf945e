import { gzipSync } from 'node:zlib';
import { SeverityNumber, type Attributes } from '@opentelemetry/api';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { FAILED_FLOW_RUN_STATUSES } from '../../events/flowRuns';
import { renderBody, type EventEnvelope } from '../payload';

/**
 * DESIGN §5 `otlp-json` / `otlp-protobuf`: one OTLP/HTTP ExportLogsServiceRequest per event,
 * encoded by OpenTelemetry's own serializers from a log record built out of the envelope.
 */
const OTLP_SCOPE_NAME = 'herald.event-streaming';
/** Bodies larger than this go gzip-compressed, as OTLP/HTTP exporters do. */
const OTLP_GZIP_ABOVE_BYTES = 1024;

const SEVERITIES = {
  debug: { number: SeverityNumber.DEBUG, text: 'DEBUG' },
  info: { number: SeverityNumber.INFO, text: 'INFO' },
  warn: { number: SeverityNumber.WARN, text: 'WARN' },
  error: { number: SeverityNumber.ERROR, text: 'ERROR' },
} as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An event's severity: `data.severity` when it names one, else ERROR for a finished run that
 * failed, else INFO.
 */
export function severityOf(envelope: EventEnvelope): (typeof SEVERITIES)[keyof typeof SEVERITIES] {
  const asked = envelope.data.severity;
  if (typeof asked === 'string' && asked in SEVERITIES)
    return SEVERITIES[asked as keyof typeof SEVERITIES];
  const run = envelope.data.flowRun;
  const status = isRecord(run) ? run.status : undefined;
  if (typeof status === 'string' && FAILED_FLOW_RUN_STATUSES.has(status)) return SEVERITIES.error;
  return SEVERITIES.info;
}

/**
 * Activepieces' attribute mapping: the envelope's top-level fields, and `data` flattened to
 * dotted keys; arrays become JSON strings, nulls are left out, numbers and booleans keep their
 * type (the serializer writes an integer as intValue, any other number as doubleValue).
 */
export function logAttributes(envelope: EventEnvelope): Attributes {
  const attributes: Attributes = {};
  const put = (key: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) attributes[key] = JSON.stringify(value);
    else if (isRecord(value))
      for (const [inner, innerValue] of Object.entries(value)) put(`${key}.${inner}`, innerValue);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      attributes[key] = value;
  };
  const { data, ...topLevel } = envelope;
  for (const [key, value] of Object.entries(topLevel)) put(key, value);
  put('data', data);
  return attributes;
}

export interface OtlpContext {
  /** When Herald received the event: the record's observed time. */
  receivedAt: Date;
  /** HERALD_OTLP_SERVICE_NAME. */
  serviceName: string;
}

const hrTime = (date: Date): [number, number] => {
  const ms = date.getTime();
  return [Math.floor(ms / 1000), (ms % 1000) * 1_000_000];
};

export function logRecordOf(envelope: EventEnvelope, context: OtlpContext): ReadableLogRecord {
  const severity = severityOf(envelope);
  return {
    hrTime: hrTime(new Date(envelope.timestamp)),
    hrTimeObserved: hrTime(context.receivedAt),
    severityNumber: severity.number,
    severityText: severity.text,
    eventName: envelope.type,
    body: renderBody(envelope),
    attributes: logAttributes(envelope),
    droppedAttributesCount: 0,
    resource: resourceFromAttributes({
      'service.name': context.serviceName,
      'herald.platform.id': envelope.platformId,
    }),
    instrumentationScope: { name: OTLP_SCOPE_NAME },
  };
}

export interface RenderedOtlp {
  body: Buffer;
  contentType: 'application/json' | 'application/x-protobuf';
  /** The bytes before compression: what the `webhook-signature` covers. */
  uncompressed: Buffer;
  gzip: boolean;
}

export function renderOtlp(
  envelope: EventEnvelope,
  context: OtlpContext,
  encoding: 'json' | 'protobuf',
): RenderedOtlp {
  const serializer = encoding === 'json' ? JsonLogsSerializer : ProtobufLogsSerializer;
  const encoded = serializer.serializeRequest([logRecordOf(envelope, context)]);
  if (!encoded) throw new Error('the OTLP serializer produced nothing');
  const uncompressed = Buffer.from(encoded);
  const gzip = uncompressed.length > OTLP_GZIP_ABOVE_BYTES;
  return {
    body: gzip ? gzipSync(uncompressed) : uncompressed,
    contentType: encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    uncompressed,
    gzip,
  };
}

/**
 * What an OTLP/HTTP answer body says (JSON or protobuf, as sent): the records the back end
 * rejected, and its message. A 200 with rejected records is a failure that retrying cannot fix.
 */
export function otlpRejection(
  body: Buffer,
  encoding: 'json' | 'protobuf',
): { rejected: number; message: string } | undefined {
  if (body.length === 0) return undefined;
  try {
    const answer =
      encoding === 'json'
        ? JsonLogsSerializer.deserializeResponse(body)
        : ProtobufLogsSerializer.deserializeResponse(body);
    const rejected = Number(answer.partialSuccess?.rejectedLogRecords ?? 0);
    if (rejected <= 0) return undefined;
    return { rejected, message: answer.partialSuccess?.errorMessage ?? '' };
  } catch {
    return undefined; // a body that is not an OTLP answer says nothing either way
  }
}
