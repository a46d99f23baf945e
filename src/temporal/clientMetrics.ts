import { InterceptingCall, status, type Interceptor } from '@grpc/grpc-js';
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
