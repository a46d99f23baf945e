/** Baselines (b) and (c): the least a Temporal workflow can do. */
import { proxyActivities } from '@temporalio/workflow';

const { noop } = proxyActivities<{ noop(): Promise<void> }>({ startToCloseTimeout: '10s' });

/** Baseline (b): one no-op activity, so two workflow tasks and an activity task. */
export async function noopWorkflow(): Promise<void> {
  await noop();
}

/** Baseline (c): one workflow task and nothing else, the engine's floor for a workflow. */
export async function emptyWorkflow(): Promise<void> {}
