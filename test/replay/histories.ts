import path from 'node:path';

/**
 * Recorded histories replayed by replay.test.ts; `npm run record:histories` writes them anew
 * (`RECORD_ONLY=<name>,…` writes only those, to add one without touching the others).
 * Files named `legacy-*` are never re-recorded: they stand for workflows an older Herald started
 * that may still be running when a new worker takes over.
 */
export const HISTORIES_DIR = path.resolve(__dirname, '../fixtures/histories');

export const RECORDED_WORKFLOWS = {
  /**
   * An event to two destinations, first attempts in the first task: one succeeds on its retry
   * after a 500, one exhausts its attempts.
   */
  fanout: 'eventDeliveryWorkflow',
  /** A redelivery of one delivery: the workflow reopens it, then delivers. */
  redelivery: 'redeliveryWorkflow',
  /** An event to 501 destinations: two pages, each a child workflow that loads its own. */
  wideFanout: 'eventDeliveryWorkflow',
  /** The first page's child workflow of wideFanout. */
  childBatch: 'deliveryBatchWorkflow',
  /** A first attempt answered 429 with Retry-After, delivered on the retry it asked for. */
  retryAfter: 'eventDeliveryWorkflow',
  /** A test delivery. */
  testDelivery: 'testDeliveryWorkflow',
  /** An event cancelled in Temporal while its delivery waits to retry: recorded `cancelled`. */
  cancelled: 'eventDeliveryWorkflow',
  /** A backfill of two stored events: one page (a child workflow), its progress recorded. */
  backfill: 'backfillWorkflow',
  /** That backfill's page: its deliveries created, first attempts in event order. */
  backfillPage: 'backfillPageWorkflow',
  /**
   * HERALD_FIRST_ATTEMPT=outbox: an event whose first attempt (made by the worker) was answered
   * 503, retried by the workflow and delivered.
   */
  outboxRetries: 'eventRetriesWorkflow',
  /** An event to 21 destinations, too many for first attempts at once: an activity each. */
  mediumFanout: 'eventDeliveryWorkflow',
  /**
   * The same width to a host holding the platform's earlier attempts unanswered: put off in the
   * first task, the deliveries wait on one timer, are asked again (the host has gone away
   * meanwhile, so none is put off again) and go to their activities. Its form before they were
   * asked again (a timer each): legacy-wide-fanout-put-off-before-asked-again.
   */
  wideFanoutPutOff: 'eventDeliveryWorkflow',
} as const;
