import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { DeliveryPolicy } from '../delivery/policy';
import type { EventWorkflowStarting } from '../events/launcher';
import { SearchAttributeRegistry } from '../temporal/searchAttributeRegistry';
import { tracingClientInterceptors } from '../telemetry/temporal';
import type { Wiring } from './wiring';

/** What a worker needs to start workflows itself, through its own connection to Temporal. */
export function workerStarting(
  wiring: Wiring,
  connection: NativeConnection,
  policy: DeliveryPolicy,
): EventWorkflowStarting {
  const { config, logger } = wiring;
  return {
    temporal: new Client({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      interceptors: tracingClientInterceptors(wiring.tracing),
    }),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    policy,
    searchAttributes: new SearchAttributeRegistry(connection, config.TEMPORAL_NAMESPACE, logger),
  };
}
