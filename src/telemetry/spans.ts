import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import { HERALD_VERSION } from '../version';

export { SpanKind };
export type { Span };

/**
 * Herald's own spans. Taken once: the API's proxy tracer finds the provider main.ts registers
 * later; with none registered it hands out no-op spans and nothing is recorded.
 */
export const heraldTracer = trace.getTracer('herald', HERALD_VERSION);

/**
 * Runs `work` in a new active span that ends when it settles; an exception marks it failed.
 * Outcomes that are not exceptions (a 503 from a receiver) are the caller's to set.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return heraldTracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C traceparent of the active span, kept with work that continues later (an event row). */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** Runs `work` as a continuation of the trace a stored traceparent names, if there is one. */
export function continuingTrace<T>(traceparent: string | null | undefined, work: () => T): T {
  if (!traceparent) return work();
  return context.with(propagation.extract(ROOT_CONTEXT, { traceparent }), work);
}

/**
 * Adds the active span's `traceparent` (and `tracestate`) to outgoing headers, last, so they
 * win over anything before them (destinations cannot set them: destinations/rules.ts).
 */
export function withTraceHeaders(headers: Record<string, string>): Record<string, string> {
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  return { ...headers, ...traceHeaders };
}
