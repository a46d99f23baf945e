import { gunzipSync } from 'node:zlib';
import { formatRejection, honoursRetryAfter, renderFor } from '../../src/delivery/formats';
import { logAttributes, severityOf } from '../../src/delivery/formats/otlp';
import { renderSplunkHec } from '../../src/delivery/formats/splunkHec';
import type { EventEnvelope } from '../../src/delivery/payload';

const envelope = (data: Record<string, unknown>, extra: Partial<EventEnvelope> = {}) => ({
  id: 'evt_1',
  type: 'flow.run.finished',
  timestamp: '2026-11-28T10:00:00.500Z',
  platformId: 'plt_1',
  projectId: null,
  data,
  ...extra,
});
const context = { receivedAt: new Date('2026-11-28T10:00:01Z'), serviceName: 'herald' };

describe('OTLP mapping', () => {
  it('flattens data to dotted keys, arrays as JSON, nulls left out, types kept', () => {
    expect(
      logAttributes(
        envelope(
          { a: { b: 1, c: 1.5, d: true, e: null, f: [1, 'x'], g: 'text' } },
          { userEmail: 'j@example.com' },
        ),
      ),
    ).toEqual({
      id: 'evt_1',
      type: 'flow.run.finished',
      timestamp: '2026-11-28T10:00:00.500Z',
      platformId: 'plt_1',
      userEmail: 'j@example.com',
      'data.a.b': 1,
      'data.a.c': 1.5,
      'data.a.d': true,
      'data.a.f': '[1,"x"]',
      'data.a.g': 'text',
    });
  });

  it.each<[Record<string, unknown>, string]>([
    [{}, 'INFO'],
    [{ severity: 'debug' }, 'DEBUG'],
    [{ severity: 'warn' }, 'WARN'],
    [{ severity: 'error' }, 'ERROR'],
    [{ severity: 'loud' }, 'INFO'],
    [{ flowRun: { status: 'FAILED' } }, 'ERROR'],
    [{ flowRun: { status: 'TIMEOUT' } }, 'ERROR'],
    [{ flowRun: { status: 'INTERNAL_ERROR' } }, 'ERROR'],
    [{ flowRun: { status: 'SUCCEEDED' } }, 'INFO'],
    [{ flowRun: { status: 'FAILED' }, severity: 'info' }, 'INFO'],
  ])('severity of %j is %s', (data, text) => {
    expect(severityOf(envelope(data)).text).toBe(text);
  });

  it('gzips only above 1 KiB, and signs the bytes before compression', () => {
    const small = renderFor('otlp-json', envelope({}), context);
    expect(small.contentEncoding).toBeUndefined();
    expect(small.body).toEqual(small.signedPayload);
    const large = renderFor('otlp-json', envelope({ note: 'x'.repeat(2000) }), context);
    expect(large.contentEncoding).toBe('gzip');
    expect(gunzipSync(large.body)).toEqual(large.signedPayload);
    const record = JSON.parse(large.signedPayload.toString()).resourceLogs[0].scopeLogs[0]
      .logRecords[0];
    expect(record.timeUnixNano).toBe('1795860000500000000');
    expect(record.observedTimeUnixNano).toBe('1795860001000000000');
    expect(renderFor('otlp-protobuf', envelope({}), context).contentType).toBe(
      'application/x-protobuf',
    );
  });
});

describe('Splunk HEC', () => {
  it('wraps the envelope with its time in unix seconds', () => {
    expect(JSON.parse(renderSplunkHec(envelope({ a: 1 })))).toEqual({
      time: 1795860000.5,
      source: 'herald',
      sourcetype: '_json',
      event: envelope({ a: 1 }),
    });
  });
});

describe('format answers', () => {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  it.each<[string, number, Buffer, boolean]>([
    ['webhook', 400, Buffer.alloc(0), false],
    ['otlp-json', 400, Buffer.alloc(0), true],
    ['otlp-json', 200, json({ partialSuccess: { rejectedLogRecords: '2' } }), true],
    ['otlp-json', 200, json({ partialSuccess: {} }), false],
    ['otlp-json', 200, Buffer.from('not json'), false],
    ['otlp-json', 503, Buffer.alloc(0), false],
    ['splunk-hec', 200, json({ text: 'Success', code: 0 }), false],
    ['splunk-hec', 200, json({ text: 'Incorrect index', code: 7 }), true],
    ['splunk-hec', 400, json({ text: 'Invalid data format', code: 6 }), true],
  ])('%s answered %i: rejected for good is %s', (format, status, body, rejected) => {
    const verdict = formatRejection(format as 'webhook', status, body);
    expect(verdict !== undefined).toBe(rejected);
  });

  it.each<[string, number, boolean]>([
    ['webhook', 429, true],
    ['webhook', 503, true],
    ['webhook', 502, false],
    ['otlp-protobuf', 502, true],
    ['otlp-json', 504, true],
    ['splunk-hec', 504, false],
  ])('%s honours Retry-After on %i: %s', (format, status, honoured) => {
    expect(honoursRetryAfter(format as 'webhook', status)).toBe(honoured);
  });
});

describe('otlp-protobuf, decoded with the OpenTelemetry protos', () => {
  // protobufjs code generated from opentelemetry-proto (an older OpenTelemetry JS release that
  // shipped it): a decoder written apart from the serializer Herald encodes with.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { opentelemetry } = require('otlp-proto-reference/build/src/generated/root');
  const Request = opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

  it('holds the resource, the scope and one record with typed attributes', () => {
    const rendered = renderFor(
      'otlp-protobuf',
      envelope({ flowRun: { status: 'FAILED', durationMs: 1200, ratio: 0.5, ok: true } }),
      context,
    );
    const decoded = Request.toObject(Request.decode(rendered.signedPayload), {
      longs: String,
      defaults: false,
    });
    const [resourceLogs] = decoded.resourceLogs;
    expect(resourceLogs.resource.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'herald' } },
      { key: 'herald.platform.id', value: { stringValue: 'plt_1' } },
    ]);
    const [scopeLogs] = resourceLogs.scopeLogs;
    expect(scopeLogs.scope.name).toBe('herald.event-streaming');
    const [record] = scopeLogs.logRecords;
    expect(record).toMatchObject({
      timeUnixNano: '1795860000500000000',
      observedTimeUnixNano: '1795860001000000000',
      severityNumber: 17,
      severityText: 'ERROR',
    });
    expect(JSON.parse(record.body.stringValue)).toMatchObject({ id: 'evt_1' });
    const attributes = Object.fromEntries(
      record.attributes.map((attribute: { key: string; value: object }) => [
        attribute.key,
        attribute.value,
      ]),
    );
    expect(attributes).toMatchObject({
      'data.flowRun.status': { stringValue: 'FAILED' },
      'data.flowRun.durationMs': { intValue: '1200' },
      'data.flowRun.ratio': { doubleValue: 0.5 },
      'data.flowRun.ok': { boolValue: true },
    });
  });
});
