import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { Workflow } from '@temporalio/common';
import type { Database } from '../db/knex';
import type { DeliveryPolicy } from '../delivery/policy';
import { UnavailableError } from '../errors';
import type { SearchAttributeRegistry } from './searchAttributeRegistry';

/** What a service that starts delivery workflows needs. */
export interface WorkflowStarting {
  db: Database;
  temporal: Client;
  taskQueue: string;
  policy: DeliveryPolicy;
  searchAttributes: SearchAttributeRegistry;
}

const START_DEADLINE_MS = 5_000;

/**
 * Starts a workflow once: an id that is already running or finished counts as started, which
 * makes every caller (ingest, its retries, the sweep) idempotent. Temporal being unreachable
 * becomes a 503 for the client to retry.
 */
export async function startOnce<W extends Workflow>(
  client: Client,
  workflow: W,
  options: WorkflowStartOptions<W>,
): Promise<void> {
  try {
    const startOptions: WorkflowStartOptions<W> = {
      ...options,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    };
    // Without a deadline the client keeps retrying an unreachable server and ingest would hang.
    await client.withDeadline(Date.now() + START_DEADLINE_MS, () =>
      client.workflow.start(workflow, startOptions),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw new UnavailableError(
      `Temporal did not accept the workflow: ${error instanceof Error ? error.message : String(error)}`,
      5,
      { cause: error },
    );
  }
}
