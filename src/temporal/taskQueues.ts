/**
 * Test deliveries poll their own task queue, served by a small pool of their own, so a burst of
 * tests against hanging hosts never waits in line with (or takes slots from) real deliveries.
 */
export function testTaskQueueOf(taskQueue: string): string {
  return `${taskQueue}-tests`;
}

/** A test answers its caller within this, whatever HERALD_DELIVERY_TIMEOUT allows real attempts. */
export const TEST_ATTEMPT_TIMEOUT_MS = 10_000;
