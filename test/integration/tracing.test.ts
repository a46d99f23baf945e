/**
 * Tracing end to end: the API and the worker as their own processes, exporting OTLP to a real
 * OpenTelemetry Collector (tools/otelcol), delivering to a real HTTPS receiver. One event is
 * followed from the platform's request to the receiver, across both processes and Temporal.
 */
import { randomBytes } from 'node:crypto';
import { pollUntil } from '../../src/runtime/poll';
import { findFreePort } from '../../src/runtime/ports';
import { startCollector, type CollectedSpan, type Collector } from '../support/collector';
import { RECEIVER_CERT } from '../support/environment';
import { apiClient, createPlatform, testEnvironment, type ApiCall } from '../support/herald';
import { workflowIds } from '../../src/temporal/workflowIds';
import { useStoreClients } from '../support/clients';
import { spawnHerald } from '../support/process';
import { startReceiver, type Receiver } from '../support/receiver';

jest.setTimeout(120_000);

let collector: Collector;
let receiver: Receiver;
let processes: ReturnType<typeof spawnHerald>[] = [];
let api: ApiCall;
const { db } = useStoreClients();

beforeAll(async () => {
  [collector, receiver] = await Promise.all([startCollector(), startReceiver()]);
  const port = await findFreePort();
  const env = testEnvironment({
    PORT: String(port),
    LOG_LEVEL: 'info',
    NODE_EXTRA_CA_CERTS: RECEIVER_CERT,
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
    OTEL_EXPORTER_OTLP_CERTIFICATE: RECEIVER_CERT,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_SERVICE_NAME: 'herald-under-test',
  });
  processes = [spawnHerald('worker', env), spawnHerald('api', env)];
  const baseUrl = `http://127.0.0.1:${port}`;
  await pollUntil('the API to be ready', 60_000, async () => {
    for (const spawned of processes) {
      if (spawned.child.exitCode !== null) throw new Error(`Herald exited:\n${spawned.output()}`);
    }
    return (await fetch(`${baseUrl}/health/ready`).catch(() => undefined))?.ok;
  });
  api = apiClient(baseUrl, { checkContract: true });
});

afterAll(async () => {
  await Promise.all(processes.map((spawned) => spawned.kill('SIGTERM')));
  await receiver?.stop();
  await collector?.stop();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function traceIdOf(traceparent: string | undefined): string | undefined {
  return /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(traceparent ?? '')?.[1];
}

/** The chain of span names from `span` up to the trace's root, through parent ids. */
function ancestry(span: CollectedSpan, spans: CollectedSpan[]): string[] {
  const byId = new Map(spans.map((each) => [each.id, each]));
  const names: string[] = [];
  for (let at: CollectedSpan | undefined = span; at; at = byId.get(at.parentId)) {
    names.push(at.name);
  }
  return names;
}

async function destinationFor(path: string, admin: string) {
  const created = await api('POST', '/v1/event-destinations', {
    token: admin,
    body: {
      url: receiver.url(path),
      events: ['flow.created'],
      headers: { 'x-team': 'platform-secret-header' },
    },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

test("one trace holds the platform's request, ingest, the workflow, each attempt and each request; the receiver joins it", async () => {
  const platform = await createPlatform(api);
  const destinationId = await destinationFor('/traced?token=url-secret', platform.admin);
  // The first attempt gets a 503, so the trace holds a retry too.
  receiver.script('/traced?token=url-secret', [{ status: 503 }]);
  const platformTraceId = hex(16);
  const platformSpanId = hex(8);

  const ingested = await api('POST', '/v1/events', {
    token: platform.ingest,
    headers: { traceparent: `00-${platformTraceId}-${platformSpanId}-01` },
    body: { type: 'flow.created', data: { flowId: 'flow-data-secret' } },
  });
  expect(ingested.status).toBe(202);

  const received = await pollUntil('two attempts at the receiver', 60_000, async () => {
    const requests = receiver.requests('/traced?token=url-secret');
    return requests.length >= 2 ? requests : undefined;
  });
  for (const request of received)
    expect(traceIdOf(request.headers.traceparent)).toBe(platformTraceId);

  const wanted = [
    'POST /v1/events',
    'StartWorkflow:eventDeliveryWorkflow',
    'RunWorkflow:eventDeliveryWorkflow',
  ];
  const trace = await pollUntil('the whole trace at the collector', 60_000, async () => {
    const spans = collector.spans().filter((span) => span.traceId === platformTraceId);
    const attempts = spans.filter((span) => span.name === 'herald.delivery.attempt');
    const requests = spans.filter((span) => span.kind === 'Client' && span.name === 'POST');
    const complete =
      wanted.every((name) => spans.some((span) => span.name === name)) &&
      attempts.length >= 2 &&
      requests.length >= 2;
    return complete ? { spans, attempts, requests } : undefined;
  });

  const ingest = trace.spans.find((span) => span.name === 'POST /v1/events')!;
  expect(ingest.parentId).toBe(platformSpanId);
  expect(ingest.kind).toBe('Server');
  expect(ingest.resource['service.name']).toBe('Str(herald-under-test)');
  expect(ingest.attributes['http.response.status_code']).toBe('Int(202)');

  // Each request the receiver got is a client span of the trace, under its attempt, under the
  // activity, the workflow, its start and the ingest request.
  for (const request of received) {
    const spanId = request.headers.traceparent!.split('-')[2];
    const clientSpan = trace.requests.find((span) => span.id === spanId);
    expect(clientSpan).toBeDefined();
    const chain = ancestry(clientSpan!, trace.spans);
    expect(chain[0]).toBe('POST');
    expect(chain[1]).toBe('herald.delivery.attempt');
    expect(chain[2]).toMatch(/^RunActivity:/);
    expect(chain).toEqual(expect.arrayContaining(wanted));
    expect(chain.at(-1)).toBe('POST /v1/events');
  }

  // The worker's log line of each attempt names the attempt's span.
  const attemptLines = processes[0]!
    .output()
    .split('\n')
    .filter(
      (line) =>
        line.includes(`"trace_id":"${platformTraceId}"`) &&
        line.includes('"msg":"delivery attempt"'),
    );
  expect(attemptLines.map((line) => JSON.parse(line).span_id).sort()).toEqual(
    trace.attempts.map((span) => span.id).sort(),
  );

  const outcomes = trace.attempts.map((span) => span.attributes['herald.delivery.outcome']).sort();
  expect(outcomes).toEqual(['Str(retry)', 'Str(succeeded)']);
  for (const attempt of trace.attempts) {
    expect(attempt.attributes['herald.destination.id']).toBe(`Str(${destinationId})`);
    expect(attempt.attributes['herald.platform.id']).toBe(`Str(${platform.id})`);
  }
  const statuses = trace.requests
    .map((span) => span.attributes['http.response.status_code'])
    .sort();
  expect(statuses).toEqual(['Int(200)', 'Int(503)']);
  expect(trace.requests[0]!.attributes['server.address']).toBe('Str(localhost)');

  // No span carries the URL's path or query, a header value or the event's data.
  const everything = JSON.stringify(trace.spans);
  for (const secret of ['url-secret', '/traced', 'platform-secret-header', 'flow-data-secret']) {
    expect(everything).not.toContain(secret);
  }
});

test('an event sent without traceparent starts its own trace at ingest, and the receiver joins it', async () => {
  const platform = await createPlatform(api);
  await destinationFor('/fresh', platform.admin);
  const ingested = await api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  expect(ingested.status).toBe(202);
  const [request] = await pollUntil('the delivery', 60_000, async () => {
    const requests = receiver.requests('/fresh');
    return requests.length > 0 ? requests : undefined;
  });
  const traceId = traceIdOf(request!.headers.traceparent);
  expect(traceId).toBeDefined();
  const root = await pollUntil('the ingest span', 30_000, async () =>
    collector.spans().find((span) => span.traceId === traceId && span.name === 'POST /v1/events'),
  );
  expect(root.parentId).toBe('');
});

test("a row the relay picks up (its API process died before starting it) continues the ingest request's trace", async () => {
  const platform = await createPlatform(api);
  await destinationFor('/relayed', platform.admin);
  const traceId = hex(16);
  const ingestSpanId = hex(8);
  const eventId = `evt_relayed_${hex(4)}`;
  // What ingest stored before its process died: due now, never started.
  await db('events').insert({
    platform_id: platform.id,
    id: eventId,
    type: 'flow.created',
    data: {},
    workflow_id: workflowIds.eventFanout(platform.id, eventId),
    occurred_at: db.fn.now(),
    start_not_before: db.fn.now(),
    traceparent: `00-${traceId}-${ingestSpanId}-01`,
  });
  const [request] = await pollUntil('the relayed delivery', 60_000, async () => {
    const requests = receiver.requests('/relayed');
    return requests.length > 0 ? requests : undefined;
  });
  expect(traceIdOf(request!.headers.traceparent)).toBe(traceId);
  const start = await pollUntil('the start span', 30_000, async () =>
    collector
      .spans()
      .find((span) => span.traceId === traceId && span.name.startsWith('StartWorkflow:')),
  );
  expect(start.parentId).toBe(ingestSpanId);
});

test('a destination cannot set traceparent or tracestate as a custom header', async () => {
  const platform = await createPlatform(api);
  for (const name of ['traceparent', 'TraceState']) {
    const refused = await api('POST', '/v1/event-destinations', {
      token: platform.admin,
      body: { url: receiver.url('/x'), events: ['flow.created'], headers: { [name]: 'x' } },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain('headers');
  }
});
