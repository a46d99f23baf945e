import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { UnavailableError } from '../errors';
import { sealHeaders } from '../destinations/sealedHeaders';
import type { SecretBox } from '../security/encryption';
import type { TestDeliveryResult, TestDeliveryTarget } from '../temporal/contracts';
import { workflowIds } from '../temporal/workflowIds';
import { testDeliveryWorkflow } from '../../workflows';

export interface TestDeliveryOptions {
  temporal: Client;
  taskQueue: string;
  secrets: SecretBox;
  attemptTimeoutMs: number;
}

/** Runs `testDeliveryWorkflow` and waits for its one attempt; the API never sends HTTP itself. */
export class TestDeliveries {
  constructor(private readonly options: TestDeliveryOptions) {}

  toUrl(
    platformId: string,
    eventType: string,
    url: string,
    headers: Record<string, string> | undefined,
  ) {
    const sealedHeaders = sealHeaders(this.options.secrets, headers ?? {});
    return this.run(platformId, eventType, { kind: 'url', url, sealedHeaders });
  }

  toDestination(platformId: string, eventType: string, destinationId: string) {
    return this.run(platformId, eventType, { kind: 'destination', platformId, destinationId });
  }

  private async run(
    platformId: string,
    eventType: string,
    target: TestDeliveryTarget,
  ): Promise<TestDeliveryResult> {
    const { temporal, taskQueue, attemptTimeoutMs } = this.options;
    try {
      // Generous deadline: queueing on a busy worker plus one attempt.
      return await temporal.withDeadline(Date.now() + attemptTimeoutMs + 30_000, () =>
        temporal.workflow.execute(testDeliveryWorkflow, {
          workflowId: workflowIds.testDelivery(platformId, randomUUID()),
          taskQueue,
          args: [{ platformId, eventType, target, attemptTimeoutMs }],
          workflowExecutionTimeout: attemptTimeoutMs + 30_000,
        }),
      );
    } catch (error) {
      throw new UnavailableError(
        `The test delivery could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
