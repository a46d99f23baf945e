import {
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionStatusName,
} from '@temporalio/client';
import { UnavailableError } from '../errors';

const DESCRIBE_DEADLINE_MS = 5_000;

export type WorkflowState = WorkflowExecutionStatusName | 'NOT_FOUND';

/**
 * The state of the workflow that holds some deliveries or an event: not found means never
 * started, or past the namespace's retention. Temporal not answering is a 503.
 */
export async function workflowState(client: Client, workflowId: string): Promise<WorkflowState> {
  try {
    const description = await client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () =>
      client.workflow.getHandle(workflowId).describe(),
    );
    return description.status.name;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return 'NOT_FOUND';
    throw new UnavailableError(
      `Temporal did not answer: ${error instanceof Error ? error.message : String(error)}`,
      5,
      { cause: error },
    );
  }
}
