import { SpanKind, TraceFlags, type SpanContext } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import { loadConfig } from '../../src/config';
import { samplerFrom } from '../../src/telemetry/sampler';
import { workflowSpansInto } from '../../src/telemetry/temporal';
import { tracingWanted } from '../../src/telemetry/tracing';

describe('tracingWanted', () => {
  const endpoint = 'https://collector:4318';
  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_TRACES_EXPORTER: 'none' }, false],
  ])('%j → %s', (env, wanted) => expect(tracingWanted(loadConfig(env))).toBe(wanted));
});

describe('samplerFrom', () => {
  it.each([
    ['always_on', 'AlwaysOnSampler'],
    ['always_off', 'AlwaysOffSampler'],
    ['traceidratio', 'TraceIdRatioBased{0.25}'],
    ['parentbased_always_on', 'ParentBased{root=AlwaysOnSampler'],
    ['parentbased_always_off', 'ParentBased{root=AlwaysOffSampler'],
    ['parentbased_traceidratio', 'ParentBased{root=TraceIdRatioBased{0.25}'],
  ] as const)('%s', (name, described) =>
    expect(samplerFrom(name, 0.25).toString()).toContain(described),
  );
});

describe('workflowSpansInto', () => {
  const context: SpanContext = {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags: TraceFlags.SAMPLED,
  };
  const legacySpan = {
    name: 'RunWorkflow:eventDeliveryWorkflow',
    kind: SpanKind.INTERNAL,
    spanContext: () => context,
    parentSpanId: '00f067aa0ba902b7',
    startTime: [1, 0] as [number, number],
    endTime: [2, 0] as [number, number],
    duration: [1, 0] as [number, number],
    ended: true,
    status: { code: 0 },
    attributes: { workflowId: 'w' },
    links: [],
    events: [],
    resource: emptyResource(),
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    instrumentationLibrary: { name: '@temporalio/interceptor-workflow' },
  };

  function passedOn(span: typeof legacySpan | Omit<typeof legacySpan, 'parentSpanId'>) {
    const ended: ReadableSpan[] = [];
    const processor: SpanProcessor = {
      onStart: () => undefined,
      onEnd: (each) => void ended.push(each),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    workflowSpansInto(processor).onEnd(span);
    return ended[0]!;
  }

  it("names the parent by the span's trace and the scope as SDK 3.x reads them", () => {
    const span = passedOn(legacySpan);
    expect(span.parentSpanContext).toEqual({
      traceId: context.traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(span.instrumentationScope).toEqual({ name: '@temporalio/interceptor-workflow' });
    expect(span.spanContext()).toBe(context);
    expect(span.name).toBe(legacySpan.name);
    expect(span.attributes).toEqual({ workflowId: 'w' });
    expect(span).not.toHaveProperty('parentSpanId');
    expect(span).not.toHaveProperty('instrumentationLibrary');
  });

  it('leaves a root span without a parent', () => {
    const { parentSpanId: _dropped, ...root } = legacySpan;
    expect(passedOn(root).parentSpanContext).toBeUndefined();
  });
});
