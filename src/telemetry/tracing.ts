import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  detectResources,
  envDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { HERALD_VERSION } from '../version';
import { samplerFrom } from './sampler';

/** The process's tracing, once it exports: what Temporal's workflow spans need to join it. */
export interface Tracing {
  resource: Resource;
  spanProcessor: SpanProcessor;
  /** Exports what is still buffered; spans ended after it are dropped. */
  shutdown(): Promise<void>;
}

/**
 * On when an OTLP endpoint is configured the standard way (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) and not turned off (OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER
 * =none). Off, nothing is registered: every span call is the API's no-op.
 */
export function tracingWanted(config: Config): boolean {
  if (config.OTEL_SDK_DISABLED || config.OTEL_TRACES_EXPORTER === 'none') return false;
  return (
    config.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined
  );
}

/**
 * Registers the process-wide tracer provider, W3C propagation and async context, exporting
 * OTLP/HTTP protobuf. The exporter reads the rest of its OTEL_EXPORTER_OTLP_* settings itself
 * (headers, timeout, compression, certificates). Once per process: main.ts calls it.
 */
export function startTracing(config: Config, logger: Logger): Tracing | undefined {
  if (!tracingWanted(config)) return undefined;
  // An exporter that cannot reach its back end says so in Herald's log, not nowhere.
  diag.setLogger(
    {
      error: (message, ...args) => logger.error({ otel: args }, message),
      warn: (message, ...args) => logger.warn({ otel: args }, message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const resource = resourceFromAttributes({
    'service.name': config.OTEL_SERVICE_NAME,
    'service.version': HERALD_VERSION,
  }).merge(detectResources({ detectors: [envDetector] }));
  const spanProcessor = new BatchSpanProcessor({
    exporter: new OTLPTraceExporter(),
    scheduledDelayMillis: config.OTEL_BSP_SCHEDULE_DELAY,
  });
  const provider = new TracerProvider({
    resource,
    sampler: samplerFrom(config.OTEL_TRACES_SAMPLER, config.OTEL_TRACES_SAMPLER_ARG),
    spanProcessors: [spanProcessor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return { resource, spanProcessor, shutdown: () => provider.shutdown() };
}
