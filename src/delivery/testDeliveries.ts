import type { DestinationFormat } from './formats';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { TooManyRequestsError, UnavailableError } from '../errors';
import type { TestDeliveryResult, TestDeliveryTarget } from '../temporal/contracts';
import { workflowIds } from '../temporal/workflowIds';
import type { TestRequests } from './testRequests';
import { testDeliveryWorkflow } from '../../workflows';

/** Test deliveries one platform may have running at once, per API process. */
export const MAX_TESTS_IN_FLIGHT_PER_PLATFORM = 4;

export interface TestDeliveryOptions {
  temporal: Client;
  /** The tests' own task queue (temporal/taskQueues.ts). */
  taskQueue: string;
  requests: TestRequests;
  attemptTimeoutMs: number;
}

/** What a test sends: a sample event of this type, in this format (else the destination's). */
export interface TestSample {
  eventType: string;
  format?: DestinationFormat | undefined;
}

/** Runs `testDeliveryWorkflow` and waits for its one attempt; the API never sends HTTP itself. */
export class TestDeliveries {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly options: TestDeliveryOptions) {}

  async toUrl(
    platformId: string,
    sample: TestSample,
    url: string,
    headers: Record<string, string> | undefined,
  ): Promise<TestDeliveryResult> {
    return this.limited(platformId, async () => {
      const requestId = await this.options.requests.create(platformId, url, headers ?? {});
      try {
        return await this.run(platformId, sample, { kind: 'request', requestId });
      } finally {
        await this.options.requests.remove(requestId);
      }
    });
  }

  toDestination(platformId: string, sample: TestSample, destinationId: string) {
    return this.limited(platformId, () =>
      this.run(platformId, sample, { kind: 'destination', destinationId }),
    );
  }

  private async limited<T>(platformId: string, test: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(platformId) ?? 0;
    if (running >= MAX_TESTS_IN_FLIGHT_PER_PLATFORM) {
      throw new TooManyRequestsError(
        `This platform already has ${running} test deliveries running; wait for one to answer.`,
      );
    }
    this.inFlight.set(platformId, running + 1);
    try {
      return await test();
    } finally {
      const left = this.inFlight.get(platformId)! - 1;
      if (left === 0) this.inFlight.delete(platformId);
      else this.inFlight.set(platformId, left);
    }
  }

  private async run(
    platformId: string,
    sample: TestSample,
    target: TestDeliveryTarget,
  ): Promise<TestDeliveryResult> {
    const { temporal, taskQueue, attemptTimeoutMs } = this.options;
    // Queueing on a busy tests worker plus one attempt.
    const deadlineMs = attemptTimeoutMs + 15_000;
    try {
      return await temporal.withDeadline(Date.now() + deadlineMs, () =>
        temporal.workflow.execute(testDeliveryWorkflow, {
          workflowId: workflowIds.testDelivery(platformId, randomUUID()),
          taskQueue,
          args: [
            {
              platformId,
              eventType: sample.eventType,
              ...(sample.format ? { format: sample.format } : {}),
              target,
              attemptTimeoutMs,
            },
          ],
          workflowExecutionTimeout: deadlineMs,
        }),
      );
    } catch (error) {
      throw new UnavailableError(
        `The test delivery could not run: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
