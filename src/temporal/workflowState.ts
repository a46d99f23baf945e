import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { UnavailableError } from '../errors';

const DESCRIBE_DEADLINE_MS = 5_000;

/**
 * Whether the workflow that holds some deliveries still runs. Not found (never started, or
 * past the namespace's retention) counts as not running; Temporal not answering is a 503.
 */
export async function isWorkflowRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    const description = await client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () =>
      client.workflow.getHandle(workflowId).describe(),
    );
    return description.status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw new UnavailableError(
      `Temporal did not answer: ${error instanceof Error ? error.message : String(error)}`,
      5,
      { cause: error },
    );
  }
}
