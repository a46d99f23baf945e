import type { AttemptErrorCode } from '../delivery/classify';
import type { DestinationFormat } from '../delivery/formats';
/**
 * The shapes that cross the workflow/activity boundary. Workflows import only from here (and
 * type-only), so the workflow bundle holds no I/O code.
 */
import type { DeliveryPolicy } from '../delivery/policy';

export type { DeliveryPolicy };

/** A delivery's statuses, the one definition (zod enums and SQL values derive from it). */
export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export type FinalDeliveryStatus = Exclude<DeliveryStatus, 'pending'>;

export interface EventFanoutInput {
  platformId: string;
  eventId: string;
  policy: DeliveryPolicy;
}

/**
 * Deliveries one workflow runs itself. Each costs about three history events, so 500 stays far
 * below Temporal's 50k-event limit; larger fan-outs go to child workflows of this size.
 */
export const MAX_DELIVERIES_PER_WORKFLOW = 500;

/**
 * One child's share of a wide fan-out: the event's pending deliveries held by `workflowId` whose
 * ids lie in [firstId, lastId]. The child loads them itself, so the parent's history carries two
 * ids per page rather than one per delivery.
 */
export interface DeliveryPage {
  platformId: string;
  eventId: string;
  workflowId: string;
  firstId: string;
  lastId: string;
}

export type DeliveryBatchInput =
  | { deliveryIds: string[]; policy: DeliveryPolicy }
  | { page: DeliveryPage; policy: DeliveryPolicy };

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

/**
 * What one attempt may take and how long a Retry-After may defer the next, decided by the API
 * and carried in the input, so the worker's environment cannot disagree with the workflow's.
 */
export interface AttemptLimits {
  attemptTimeoutMs: number;
  maxRetryIntervalMs: number;
}

/** Deliveries whose receiver put them off, asked again when their timer ends. */
export interface PutOffStillInput {
  deliveryIds: string[];
  limits: AttemptLimits;
}

export interface DeliverInput {
  deliveryId: string;
  /** Absent in activities scheduled by workflows started before limits travelled in the input. */
  limits?: AttemptLimits;
}

/** What one attempt came to: a final status, or a retry (at the receiver's Retry-After, if any). */
export type AttemptOutcome =
  | { kind: 'final'; status: FinalDeliveryStatus }
  | {
      kind: 'retry';
      reason: string;
      retryAfterMs?: number;
      /**
       * Nothing was sent: the receiver was paused or silent (delivery/hangingReceivers.ts). The
       * workflow asks again before it hands the delivery to an activity. Absent in histories
       * recorded before.
       */
      receiverPutOff?: true;
      /**
       * This attempt timed out and its receiver is paused now, this long (hangingReceivers.ts):
       * an attempt sooner would only be put off, so the next waits at least this.
       */
      receiverPausedMs?: number;
    };

/** A first attempt that a retry must follow. */
export type RetryOutcome = Extract<AttemptOutcome, { kind: 'retry' }>;

/**
 * HERALD_FIRST_ATTEMPT=outbox: the deliveries of an event whose first attempts the worker made
 * from the outbox and that need more, with what each first attempt came to.
 */
export interface EventRetriesInput {
  platformId: string;
  eventId: string;
  policy: DeliveryPolicy;
  /** Epoch ms of the first attempts: the delivery window counts from there. */
  firstAttemptAt: number;
  retries: { deliveryId: string; firstAttempt: RetryOutcome }[];
}

export interface StartDeliveriesInput extends ResolveDestinationsInput {
  limits: AttemptLimits;
}

/**
 * The pending deliveries of an event and, for a fan-out small enough to try in the workflow's
 * first task, each one's first attempt (same order); null when the fan-out is too wide for that.
 */
export type StartedDeliveries =
  | {
      deliveryIds: string[];
      firstAttempts: AttemptOutcome[] | null;
      /**
       * A fan-out too wide for first attempts, some of whose receivers were put off (paused or
       * silent) as its deliveries were created: what that came to for each (same order), null
       * for the deliveries to try at once. Absent when none was put off.
       */
      putOff?: (RetryOutcome | null)[];
    }
  /** Wider than one workflow holds: pages for child workflows, never the ids themselves. */
  | { deliveryCount: number; pages: DeliveryPage[] };

/**
 * A new series of attempts for deliveries that have ended, or that a closed workflow left
 * pending (`takeOverFrom`). The workflow reopens them itself, so its start comes first.
 */
export interface RedeliveryInput {
  deliveryIds: string[];
  policy: DeliveryPolicy;
  takeOverFrom?: string;
}

export interface ReopenDeliveriesInput {
  deliveryIds: string[];
  workflowId: string;
  takeOverFrom?: string;
}

export interface CancelDeliveriesInput {
  deliveryIds: string[];
  reason: string;
}

export interface RecordOutcomeInput {
  deliveryId: string;
  status: FinalDeliveryStatus;
  reason: string;
}

/**
 * A test delivery: a saved destination, or an ad-hoc URL waiting in test_delivery_requests. Ids
 * only: the activity loads the rest for the platform of the input (DESIGN §7).
 */
export type TestDeliveryTarget =
  { kind: 'destination'; destinationId: string } | { kind: 'request'; requestId: string };

export interface TestDeliveryInput {
  platformId: string;
  eventType: string;
  /** The format to send in; absent, the destination's (a URL test's: webhook). */
  format?: DestinationFormat;
  target: TestDeliveryTarget;
  attemptTimeoutMs: number;
}

export interface TestDeliveryResult {
  ok: boolean;
  status?: number;
  durationMs: number;
  error?: string;
  errorCode?: AttemptErrorCode;
  renderedBody: string;
}

export const ACTIVITY_FAILURE_TYPES = {
  retryable: 'DeliveryAttemptFailed',
} as const;

export const BACKFILL_STATUSES = ['running', 'completed', 'cancelled', 'failed'] as const;
export type BackfillStatus = (typeof BACKFILL_STATUSES)[number];

/** Events one page of a backfill looks at; each page is one child workflow. */
export const BACKFILL_PAGE_EVENTS = 100;

/**
 * Where a backfill's next page starts: after this event, in (occurred_at, id) order. Inputs
 * recorded when pages went by received_at carry `receivedAt` instead; such a cursor starts the
 * scan again, which skips every event already delivered.
 */
export interface BackfillCursor {
  occurredAt: string;
  eventId: string;
}

/** A backfill page's first attempts, made one at a time in event order. */
export interface SendInOrderInput {
  deliveryIds: string[];
  limits: AttemptLimits;
}

export interface BackfillInput {
  backfillId: string;
  policy: DeliveryPolicy;
  after: BackfillCursor | null;
  /** Pages done before this run (it continues as new every few hundred pages). */
  page: number;
}

export interface BackfillPageInput {
  backfillId: string;
  policy: DeliveryPolicy;
  after: BackfillCursor | null;
}

export interface CreateBackfillPageInput extends BackfillPageInput {
  /** The page's own workflow, which holds its deliveries. */
  workflowId: string;
}

/** The deliveries one page created (held by the page's own workflow) and where the next starts. */
export interface BackfillPage {
  deliveryIds: string[];
  next: BackfillCursor | null;
}

export interface BackfillProgressInput {
  backfillId: string;
  delivered: number;
  failed: number;
  /** The page counted; absent in histories recorded before pages were counted once. */
  page?: number;
}

/** A backfill's counts after a page, for the workflow's current details in Web UI. */
export interface BackfillProgress {
  total: number;
  delivered: number;
  failed: number;
}

export interface FinishBackfillInput {
  backfillId: string;
  status: Exclude<BackfillStatus, 'running'>;
}
