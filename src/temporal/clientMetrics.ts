import { InterceptingCall, status, type Interceptor } from '@grpc/grpc-js';
import {
  WorkflowExecutionAlreadyStartedError,
  type WorkflowClientInterceptor,
} from '@temporalio/client';
import type { Counter } from 'prom-client';

/**
 * A gRPC interceptor for the API's Temporal connection that counts failed calls by method and
 * status. ALREADY_EXISTS is not a failure here: it is how an idempotent start learns that the
 * workflow is already running.
 */
export function countFailedTemporalCalls(failures: Counter<'method' | 'code'>): Interceptor {
  return (options, nextCall) => {
    const method = options.method_definition.path.split('/').pop() ?? 'unknown';
    return new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        next(metadata, {
          onReceiveStatus(callStatus, nextStatus) {
            if (callStatus.code !== status.OK && callStatus.code !== status.ALREADY_EXISTS) {
              failures.inc({ method, code: status[callStatus.code] });
            }
            nextStatus(callStatus);
          },
        });
      },
    });
  };
}

/**
 * Counts the failed starts of a client on the worker's native connection (the worker's own
 * starts, and the API's eager starts beside it), which the gRPC interceptor above cannot see: the
 * status code is read off the error or its causes.
 */
export function countFailedStarts(failures: Counter<'method' | 'code'>): WorkflowClientInterceptor {
  return {
    async startWithDetails(input, next) {
      try {
        return await next(input);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError))
          countFailedStart(failures, error);
        throw error;
      }
    },
  };
}

function countFailedStart(failures: Counter<'method' | 'code'>, error: unknown): void {
  let code: unknown;
  for (let current = error; current instanceof Error && code === undefined;) {
    code = (current as Error & { code?: unknown }).code;
    current = current.cause;
  }
  if (code === status.ALREADY_EXISTS) return;
  const name = typeof code === 'number' ? status[code] : undefined;
  failures.inc({ method: 'StartWorkflowExecution', code: name ?? 'UNKNOWN' });
}
