import { gunzipSync } from 'node:zlib';
import { Webhook } from 'standardwebhooks';
import { useStoreClients } from '../support/clients';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';
import type { ReceivedRequest } from '../support/receiver';
import { startCollector, type Collector } from '../support/collector';

/** DESIGN §4 `format` and §5 "Formats for observability and SIEM back ends", end to end. */
const ctx = useHeraldWithReceiver({ env: { HERALD_OTLP_SERVICE_NAME: 'herald-under-test' } });
const { db } = useStoreClients();
let collector: Collector;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector?.stop();
});

async function destination(token: string, body: Record<string, unknown>) {
  const created = await ctx.herald.api('POST', '/v1/event-destinations', { token, body });
  expect(created.status).toBe(201);
  return created.body;
}

async function ingest(token: string, body: Record<string, unknown>) {
  const accepted = await ctx.herald.api('POST', '/v1/events', { token, body });
  expect(accepted.status).toBe(202);
}

/** The body as the back end reads it: decompressed when it came gzip-encoded. */
const decoded = (request: ReceivedRequest) =>
  request.headers['content-encoding'] === 'gzip'
    ? gunzipSync(request.rawBody).toString('utf8')
    : request.body;

type OtlpAttribute = { key: string; value: Record<string, unknown> };
const attributesOf = (list: OtlpAttribute[]) =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

async function settled(platformId: string, status: string) {
  return eventually(async () => {
    const rows = await db('deliveries').where({ platform_id: platformId });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => status));
    return rows;
  });
}

it('sends otlp-json: one log record per event, mapped as DESIGN §5 says, signed', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const created = await destination(platform.admin, {
    url: ctx.receiver.url('/otlp-json/v1/logs'),
    events: ['flow.run.finished'],
    format: 'otlp-json',
  });
  expect(created.format).toBe('otlp-json');
  await ingest(platform.ingest, {
    id: 'run-failed',
    type: 'flow.run.finished',
    projectId: 'proj-1',
    occurredAt: '2026-11-28T10:00:00.000Z',
    data: { flowRun: { status: 'FAILED', durationMs: 1200, ratio: 0.5, tags: ['a'], none: null } },
  });
  const [request] = await eventually(() => {
    const requests = ctx.receiver.requests('/otlp-json/v1/logs');
    expect(requests).toHaveLength(1);
    return requests;
  });
  expect(request!.headers['content-type']).toBe('application/json');
  const payload = decoded(request!);
  const exported = JSON.parse(payload);
  const [resourceLogs] = exported.resourceLogs;
  expect(attributesOf(resourceLogs.resource.attributes)).toEqual({
    'service.name': 'herald-under-test',
    'herald.platform.id': platform.id,
  });
  const [scopeLogs] = resourceLogs.scopeLogs;
  expect(scopeLogs.scope.name).toBe('herald.event-streaming');
  const [record] = scopeLogs.logRecords;
  expect(record).toMatchObject({
    timeUnixNano: String(Date.parse('2026-11-28T10:00:00.000Z') * 1_000_000),
    severityNumber: 17,
    severityText: 'ERROR',
    eventName: 'flow.run.finished',
  });
  expect(JSON.parse(record.body.stringValue)).toMatchObject({
    id: 'run-failed',
    projectId: 'proj-1',
  });
  expect(attributesOf(record.attributes)).toEqual({
    id: 'run-failed',
    type: 'flow.run.finished',
    timestamp: '2026-11-28T10:00:00.000Z',
    platformId: platform.id,
    projectId: 'proj-1',
    'data.flowRun.status': 'FAILED',
    'data.flowRun.durationMs': 1200,
    'data.flowRun.ratio': 0.5,
    'data.flowRun.tags': '["a"]',
  });
  expect(new Webhook(created.signingSecret).verify(payload, request!.headers)).toBeTruthy();
  await settled(platform.id, 'succeeded');
});

it('gzips an OTLP body over 1 KiB, sends protobuf as x-protobuf, and switches format on the next attempt', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const created = await destination(platform.admin, {
    url: ctx.receiver.url('/otlp-proto'),
    events: ['user.signed.in'],
    format: 'otlp-protobuf',
  });
  ctx.receiver.script('/otlp-proto', [{ status: 503, headers: { 'retry-after': '1' } }]);
  await ingest(platform.ingest, {
    id: 'big-signin',
    type: 'user.signed.in',
    data: { note: 'x'.repeat(2000), severity: 'warn' },
  });
  await eventually(() => expect(ctx.receiver.requests('/otlp-proto')).toHaveLength(1));
  const [first] = ctx.receiver.requests('/otlp-proto');
  expect(first!.headers['content-type']).toBe('application/x-protobuf');
  expect(first!.headers['content-encoding']).toBe('gzip');
  const protobuf = gunzipSync(first!.rawBody);
  expect(protobuf.includes(Buffer.from('user.signed.in'))).toBe(true);

  // The retry Retry-After asked for goes out in the format the destination has by then.
  const patched = await ctx.herald.api('PATCH', `/v1/event-destinations/${created.id}`, {
    token: platform.admin,
    body: { format: 'otlp-json' },
  });
  expect(patched.body.format).toBe('otlp-json');
  await eventually(() => expect(ctx.receiver.requests('/otlp-proto')).toHaveLength(2));
  const second = ctx.receiver.requests('/otlp-proto')[1]!;
  expect(second.headers['content-type']).toBe('application/json');
  expect(second.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(900);
  const record = JSON.parse(decoded(second)).resourceLogs[0].scopeLogs[0].logRecords[0];
  expect(record.severityText).toBe('WARN');
  await settled(platform.id, 'succeeded');
});

it.each([
  ['a 400', { status: 400, body: '{"message":"bad"}' }, /400/],
  [
    'a partial success',
    {
      status: 200,
      body: '{"partialSuccess":{"rejectedLogRecords":"1","errorMessage":"too old"}}',
    },
    /rejected 1 log record\(s\): too old/,
  ],
])('records %s from an OTLP back end as failed, without a retry', async (_name, answer, error) => {
  const platform = await createPlatform(ctx.herald.api);
  const path = `/otlp-refuses-${answer.status}`;
  ctx.receiver.script(path, [answer, answer, answer]);
  const created = await destination(platform.admin, {
    url: ctx.receiver.url(path),
    events: ['folder.created'],
    format: 'otlp-json',
  });
  await ingest(platform.ingest, { type: 'folder.created', data: {} });
  const [delivery] = await settled(platform.id, 'failed');
  const detail = await ctx.herald.api('GET', `/v1/deliveries/${delivery.id}`, {
    token: platform.admin,
  });
  expect(detail.body.attempts).toHaveLength(1);
  expect(detail.body.attempts[0].error).toMatch(error);
  expect(ctx.receiver.requests(path)).toHaveLength(1);
  // One refused payload is not a broken destination.
  const after = await ctx.herald.api('GET', `/v1/event-destinations/${created.id}`, {
    token: platform.admin,
  });
  expect(after.body.enabled).toBe(true);
});

it('sends splunk-hec events, and records a non-zero HEC code as failed', async () => {
  const platform = await createPlatform(ctx.herald.api);
  ctx.receiver.script('/hec-ok', [{ status: 200, body: '{"text":"Success","code":0}' }]);
  ctx.receiver.script('/hec-refuses', [
    { status: 200, body: '{"text":"Incorrect index","code":7}' },
  ]);
  for (const path of ['/hec-ok', '/hec-refuses'])
    await destination(platform.admin, {
      url: ctx.receiver.url(path),
      events: ['connection.deleted'],
      format: 'splunk-hec',
      headers: { Authorization: 'Splunk 00000000-0000-0000-0000-000000000000' },
    });
  await ingest(platform.ingest, {
    id: 'conn-gone',
    type: 'connection.deleted',
    occurredAt: '2026-11-28T10:00:00.250Z',
    data: { connectionId: 'c1' },
  });
  await eventually(() => {
    expect(ctx.receiver.requests('/hec-ok')).toHaveLength(1);
    expect(ctx.receiver.requests('/hec-refuses')).toHaveLength(1);
  });
  const [request] = ctx.receiver.requests('/hec-ok');
  expect(request!.headers.authorization).toBe('Splunk 00000000-0000-0000-0000-000000000000');
  expect(JSON.parse(request!.body)).toEqual({
    time: 1795860000.25,
    source: 'herald',
    sourcetype: '_json',
    event: {
      id: 'conn-gone',
      type: 'connection.deleted',
      timestamp: '2026-11-28T10:00:00.250Z',
      platformId: platform.id,
      projectId: null,
      data: { connectionId: 'c1' },
    },
  });
  await eventually(async () => {
    const rows = await db('deliveries')
      .join('event_destinations', 'event_destinations.id', 'deliveries.destination_id')
      .where({ 'deliveries.platform_id': platform.id })
      .select('event_destinations.url', 'deliveries.status');
    expect(Object.fromEntries(rows.map((row) => [new URL(row.url).pathname, row.status]))).toEqual({
      '/hec-ok': 'succeeded',
      '/hec-refuses': 'failed',
    });
  });
});

it('tests a URL in a chosen format, and refuses an unknown one naming format', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const tested = await ctx.herald.api('POST', '/v1/event-destinations/test', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/test-otlp'), event: 'flow.created', format: 'otlp-protobuf' },
  });
  expect(tested.status).toBe(200);
  expect(tested.body.ok).toBe(true);
  // Shown as the same request in OTLP JSON.
  expect(
    JSON.parse(tested.body.renderedBody).resourceLogs[0].scopeLogs[0].logRecords[0].eventName,
  ).toBe('flow.created');
  expect(ctx.receiver.requests('/test-otlp')[0]!.headers['content-type']).toBe(
    'application/x-protobuf',
  );
  const refused = await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/x'), events: ['flow.created'], format: 'syslog' },
  });
  expect(refused.status).toBe(400);
  expect(refused.body.errors[0].path).toBe('format');
});

it('delivers otlp-json and otlp-protobuf to a real OpenTelemetry Collector, which accepts every record', async () => {
  const platform = await createPlatform(ctx.herald.api);
  for (const format of ['otlp-json', 'otlp-protobuf'])
    await destination(platform.admin, {
      url: collector.logsUrl,
      events: ['flow.run.finished', 'user.signed.in'],
      format,
    });
  await ingest(platform.ingest, {
    id: 'collected-failed-run',
    type: 'flow.run.finished',
    data: { flowRun: { status: 'FAILED', durationMs: 1200 }, note: 'n'.repeat(1500) },
  });
  await ingest(platform.ingest, {
    id: 'collected-sign-in',
    type: 'user.signed.in',
    data: { user: { id: 'u1' }, attempts: 2, mfa: true },
  });
  await settled(platform.id, 'succeeded');
  const ours = await eventually(() => {
    const records = collector
      .records()
      .filter((record) => record.resource['herald.platform.id'] === `Str(${platform.id})`);
    expect(records).toHaveLength(4);
    return records;
  });
  const byEvent = (name: string) => ours.filter((record) => record.eventName === name);
  for (const record of byEvent('flow.run.finished')) {
    expect(record).toMatchObject({
      scope: 'herald.event-streaming',
      severityText: 'ERROR',
      severityNumber: 'Error(17)',
    });
    expect(record.resource['service.name']).toBe('Str(herald-under-test)');
    expect(record.attributes).toMatchObject({
      id: 'Str(collected-failed-run)',
      'data.flowRun.status': 'Str(FAILED)',
      'data.flowRun.durationMs': 'Int(1200)',
    });
    expect(record.body).toContain('"id":"collected-failed-run"');
  }
  for (const record of byEvent('user.signed.in')) {
    expect(record.severityText).toBe('INFO');
    expect(record.attributes).toMatchObject({
      'data.user.id': 'Str(u1)',
      'data.attempts': 'Int(2)',
      'data.mfa': 'Bool(true)',
    });
  }
  expect(byEvent('flow.run.finished')).toHaveLength(2);
  expect(byEvent('user.signed.in')).toHaveLength(2);
});
