import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Database } from '../src/db/knex';
import type { Deliverer } from '../src/delivery/deliverer';
import type { DeliveryRepository } from '../src/delivery/repository';
import type { Metrics } from '../src/metrics';
import { runTestDelivery } from '../src/delivery/testDelivery';
import type { SecretBox } from '../src/security/encryption';
import {
  ACTIVITY_FAILURE_TYPES,
  type DeliverInput,
  type FinalDeliveryStatus,
  type RecordOutcomeInput,
  type ResolveDestinationsInput,
  type TestDeliveryInput,
  type TestDeliveryResult,
} from '../src/temporal/contracts';

export interface ActivityDeps {
  db: Database;
  repository: DeliveryRepository;
  deliverer: Deliverer;
  secrets: SecretBox;
  metrics: Metrics;
}

/** All of Herald's I/O that workflows reach, as Temporal activities. */
export function createActivities(deps: ActivityDeps) {
  return {
    async resolveDestinations(input: ResolveDestinationsInput): Promise<string[]> {
      return deps.repository.createDeliveries(input.platformId, input.eventId, input.workflowId);
    },

    /** Returns a final status, or throws a retryable failure that Temporal's retry policy schedules. */
    async deliver(input: DeliverInput): Promise<FinalDeliveryStatus> {
      const outcome = await deps.deliverer.attempt(input.deliveryId);
      if (outcome.kind === 'final') return outcome.status;
      const attempt = Context.current().info.attempt;
      throw ApplicationFailure.create({
        message: `attempt ${attempt}: ${outcome.reason}`,
        type: ACTIVITY_FAILURE_TYPES.retryable,
        ...(outcome.retryAfterMs === undefined ? {} : { nextRetryDelay: outcome.retryAfterMs }),
      });
    },

    async recordDeliveryOutcome(input: RecordOutcomeInput): Promise<void> {
      if (await deps.repository.finish(input.deliveryId, input.status)) {
        deps.metrics.deliveries.inc({ outcome: input.status });
      }
    },

    async testDeliver(input: TestDeliveryInput): Promise<TestDeliveryResult> {
      return runTestDelivery(input, deps);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
