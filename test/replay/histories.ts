import path from 'node:path';

/**
 * Recorded histories replayed by replay.test.ts; `npm run record:histories` writes them anew.
 * Files named `legacy-*` are never re-recorded: they stand for workflows an older Herald started
 * that may still be running when a new worker takes over.
 */
export const HISTORIES_DIR = path.resolve(__dirname, '../fixtures/histories');

export const RECORDED_WORKFLOWS = {
  /** Fan-out to two destinations: one succeeds after a 500, one exhausts its attempts. */
  fanout: 'eventFanoutWorkflow',
  /** A redelivery of one delivery. */
  redelivery: 'deliveryBatchWorkflow',
  /** A test delivery. */
  testDelivery: 'testDeliveryWorkflow',
} as const;
