import type { SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { WorkflowInfo } from '@temporalio/workflow';
import type { Tracing } from './tracing';

/**
 * Temporal's own OpenTelemetry interceptors: the client's start spans carry the trace into the
 * workflow's headers; the workflow's spans (made in its sandbox, exported through a sink) and
 * the activities' spans continue it. Bundled only with tracing on, so off costs no workflow task
 * anything.
 */
export const TRACING_WORKFLOW_INTERCEPTORS =
  require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

export function tracingClientInterceptors(tracing: Tracing | undefined): {
  workflow: WorkflowClientInterceptor[];
} {
  return { workflow: tracing ? [new OpenTelemetryWorkflowClientInterceptor()] : [] };
}

export function tracingWorkerOptions(
  tracing: Tracing | undefined,
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  if (!tracing) return {};
  type LegacyProcessor = Parameters<typeof makeWorkflowExporter>[0];
  type LegacyResource = Parameters<typeof makeWorkflowExporter>[1];
  const sink = makeWorkflowExporter(
    workflowSpansInto(tracing.spanProcessor) as unknown as LegacyProcessor,
    tracing.resource as unknown as LegacyResource,
  );
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })],
    },
    sinks: {
      exporter: {
        export: {
          ...sink.export,
          fn: (info, spans: Parameters<typeof sink.export.fn>[1]) =>
            sink.export.fn(identityOf(info), spans),
        },
      },
    },
  };
}

/**
 * The sink copies the workflow's info onto each of its spans: all of it, memo and last failure
 * included. Its identity is what a trace needs.
 */
function identityOf(info: WorkflowInfo): WorkflowInfo {
  const { workflowId, runId, workflowType, taskQueue, namespace, attempt } = info;
  return { workflowId, runId, workflowType, taskQueue, namespace, attempt } as WorkflowInfo;
}

/** A workflow span as Temporal's sink hands it over: OpenTelemetry SDK 1.x's span shape. */
interface LegacyReadableSpan extends Omit<
  ReadableSpan,
  'parentSpanContext' | 'instrumentationScope'
> {
  parentSpanId?: string;
  instrumentationLibrary: ReadableSpan['instrumentationScope'];
}

/**
 * Temporal's interceptor package builds workflow spans with SDK 1.x, whose span names its parent
 * by id and its scope `instrumentationLibrary`; Herald's exporter (SDK 3.x) reads
 * `parentSpanContext` and `instrumentationScope`. Same data, renamed, so they join one trace.
 */
export function workflowSpansInto(processor: SpanProcessor) {
  return {
    onStart: () => undefined,
    forceFlush: () => processor.forceFlush(),
    shutdown: () => Promise.resolve(),
    onEnd(span: LegacyReadableSpan) {
      const { parentSpanId, instrumentationLibrary, ...rest } = span;
      const context = span.spanContext();
      const parentSpanContext: SpanContext | undefined = parentSpanId
        ? { traceId: context.traceId, spanId: parentSpanId, traceFlags: context.traceFlags }
        : undefined;
      processor.onEnd({
        ...rest,
        spanContext: () => context,
        parentSpanContext,
        instrumentationScope: instrumentationLibrary,
      });
    },
  };
}
