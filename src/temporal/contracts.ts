/**
 * The shapes that cross the workflow/activity boundary. Workflows import only from here (and
 * type-only), so the workflow bundle holds no I/O code.
 */
import type { DeliveryPolicy } from '../delivery/policy';

export type { DeliveryPolicy };

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';
export type FinalDeliveryStatus = Exclude<DeliveryStatus, 'pending'>;

export interface EventFanoutInput {
  platformId: string;
  eventId: string;
  policy: DeliveryPolicy;
}

export interface DeliveryBatchInput {
  deliveryIds: string[];
  policy: DeliveryPolicy;
}

export interface FanoutSummary {
  deliveries: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export interface ResolveDestinationsInput {
  platformId: string;
  eventId: string;
  workflowId: string;
}

export interface DeliverInput {
  deliveryId: string;
}

export interface RecordOutcomeInput {
  deliveryId: string;
  status: FinalDeliveryStatus;
  reason: string;
}

/** A test delivery: either a saved destination, or a URL with headers sealed by HERALD_SECRET_KEY. */
export type TestDeliveryTarget =
  | { kind: 'destination'; platformId: string; destinationId: string }
  | { kind: 'url'; url: string; sealedHeaders: string | null };

export interface TestDeliveryInput {
  platformId: string;
  eventType: string;
  target: TestDeliveryTarget;
  attemptTimeoutMs: number;
}

export interface TestDeliveryResult {
  ok: boolean;
  status?: number;
  durationMs: number;
  error?: string;
  renderedBody: string;
}

export const ACTIVITY_FAILURE_TYPES = {
  retryable: 'DeliveryAttemptFailed',
} as const;
