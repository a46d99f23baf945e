import {
  bundleWorkflowCode,
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Logger } from '../logger';
import type { TemporalConnectionOptions } from './connectionOptions';
import type { Activities } from '../../activities';
import { testTaskQueueOf } from './taskQueues';
import { TRACING_WORKFLOW_INTERCEPTORS, tracingWorkerOptions } from '../telemetry/temporal';
import type { Tracing } from '../telemetry/tracing';

export const WORKFLOWS_PATH = require.resolve('../../workflows');

/** Bundling takes seconds; a process (or a test run) does it once and reuses the bundle. */
export function bundleWorkflows(
  options: { tracing?: boolean } = {},
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: options.tracing ? [TRACING_WORKFLOW_INTERCEPTORS] : [],
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

/** Sends the SDK's own log lines (worker state, task failures) through Herald's logger, warnings up. */
function installRuntimeLogger(logger: Logger): void {
  if (Runtime._instance) return;
  Runtime.install({
    // The core retries polls through an outage and warns on every retry; errors are what matter.
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    logger: new DefaultLogger('WARN', (entry) => {
      const level = entry.level === 'ERROR' ? 'error' : 'warn';
      logger[level]({ temporal: entry.meta }, entry.message);
    }),
  });
}

export interface HeraldWorkerOptions {
  logger: Logger;
  connection: TemporalConnectionOptions;
  namespace: string;
  taskQueue: string;
  /** Built once the connection exists: some activities start workflows through it. */
  activities: (connection: NativeConnection) => Activities;
  workflowBundle: WorkflowBundleWithSourceMap;
  tracing?: Tracing;
}

/**
 * Two workers on one connection: deliveries on the task queue, test deliveries on their own
 * (taskQueues.ts) with a pool of 20, so tests never take a delivery's slot or wait behind one.
 */
export async function createHeraldWorker(options: HeraldWorkerOptions) {
  installRuntimeLogger(options.logger);
  const connection = await NativeConnection.connect(options.connection);
  const activities = options.activities(connection);
  const shared = {
    connection,
    namespace: options.namespace,
    workflowBundle: options.workflowBundle,
    ...tracingWorkerOptions(options.tracing),
    // In-flight attempts get this long to finish on SIGTERM before they are cancelled (and retried).
    shutdownGraceTime: '20s',
  };
  const worker = await Worker.create({
    ...shared,
    taskQueue: options.taskQueue,
    activities,
    // Deliveries wait on the network, not the CPU: many can be in flight at once. One platform
    // may hold at most a fifth of them, most of those waiting their turn (delivery/fairness.ts).
    maxConcurrentActivityTaskExecutions: 1_000,
    // First attempts run as local activities in the event workflow's first task, which holds its
    // workflow task slot until they end: as many of those as of activity slots (the SDK's 40
    // would let one platform's hanging first attempts hold every workflow task slot).
    maxConcurrentLocalActivityExecutions: 200,
    maxConcurrentWorkflowTaskExecutions: 200,
    // Workflows waiting out retries stay cached up to this many; past it they are evicted and
    // replayed when their timer fires. Bounds the worker's memory in a backlog (PERFORMANCE.md).
    maxCachedWorkflows: 500,
  });
  const testWorker = await Worker.create({
    ...shared,
    taskQueue: testTaskQueueOf(options.taskQueue),
    activities: { testDeliver: activities.testDeliver },
    maxConcurrentActivityTaskExecutions: 20,
    maxConcurrentLocalActivityExecutions: 1,
    maxCachedWorkflows: 50,
  });
  return { workers: [worker, testWorker], connection };
}
