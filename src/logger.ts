import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Secrets must never reach logs; these paths are redacted wherever they appear. */
const REDACTED_PATHS = [
  'signingSecret',
  '*.signingSecret',
  'headers',
  '*.headers',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'rootToken',
  'secretKey',
];

/**
 * JSON lines for log collectors; readable colour lines when a person watches a terminal. The
 * pretty stream runs in this thread (no transport worker), so nothing is lost at exit.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const stream =
    destination ??
    (process.stdout.isTTY
      ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
      : undefined);
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, mixin: traceFields },
    stream,
  );
}

/** With tracing on, a line written inside a span names it, so logs and traces join up. */
function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}
