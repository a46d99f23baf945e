import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { DeliveryPolicy } from '../delivery/policy';
import type { EventWorkflowStarting } from '../events/launcher';
import { countFailedStarts } from '../temporal/clientMetrics';
import { SearchAttributeRegistry } from '../temporal/searchAttributeRegistry';
import { tracingClientInterceptors } from '../telemetry/temporal';
import type { Wiring } from './wiring';

/**
 * A client on the worker's native connection. Its failed starts are counted here: the gRPC
 * interceptor that counts the API's own calls cannot see a native connection's.
 */
export function workerClient(wiring: Wiring, connection: NativeConnection): Client {
  const { workflow } = tracingClientInterceptors(wiring.tracing);
  return new Client({
    connection,
    namespace: wiring.config.TEMPORAL_NAMESPACE,
    interceptors: {
      workflow: [...workflow, countFailedStarts(wiring.metrics.temporalClientErrors)],
    },
  });
}

/** What a worker needs to start workflows itself, through its own connection to Temporal. */
export function workerStarting(
  wiring: Wiring,
  connection: NativeConnection,
  policy: DeliveryPolicy,
): EventWorkflowStarting {
  const { config, logger } = wiring;
  const searchAttributes = new SearchAttributeRegistry(
    connection,
    config.TEMPORAL_NAMESPACE,
    logger,
  );
  searchAttributes.decideEarly();
  return {
    temporal: workerClient(wiring, connection),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy,
    searchAttributes,
  };
}
