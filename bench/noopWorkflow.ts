/** Baseline (b): the least a Temporal workflow can do — one no-op activity. */
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10s' });

export async function noopWorkflow(): Promise<void> {
  await noop();
}
