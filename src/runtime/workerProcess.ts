import type { NativeConnection } from '@temporalio/worker';
import express from 'express';
import { createActivities } from '../../activities';
import { metricsHandler } from '../api/routes/metrics';
import { formatDuration } from '../duration';
import { createDeliverer } from '../delivery/deliverer';
import { attemptLimitsOf, deliveryPolicyFrom } from '../delivery/policy';
import { createFairShare } from '../delivery/fairness';
import { createHttpSender } from '../delivery/httpSender';
import { BackfillStore } from '../backfill/store';
import { Redelivery } from '../delivery/redelivery';
import type { EventWorkflowStarting } from '../events/launcher';
import { DeliveryRepository } from '../delivery/repository';
import { TestRequests } from '../delivery/testRequests';
import type { Metrics } from '../metrics';
import { temporalConnectionOptions } from '../temporal/connectionOptions';
import { bundleWorkflows, createHeraldWorker } from '../temporal/worker';
import { ensureSchedules } from '../temporal/schedules';
import { workflowState } from '../temporal/workflowState';
import { connectDatabase, POOLS } from '../db/knex';
import { listen } from './httpServer';
import { startOutboxLaunches } from './outboxLaunches';
import { workerStarting } from './workerStarting';
import type { RunningPart, Wiring } from './wiring';

/**
 * A worker-only process serves no API, yet probes and Prometheus need it to answer: liveness is
 * the Temporal worker's own state, so a worker that failed reports it.
 */
function workerStatusApp(
  metrics: Metrics,
  metricsToken: string | undefined,
  running: () => boolean,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health/live', (_req, res) => {
    const live = running();
    res.status(live ? 200 : 503).json({ status: live ? 'ok' : 'unavailable' });
  });
  app.get('/metrics', metricsHandler(metrics, metricsToken));
  return app;
}

/** Bound before the Temporal worker starts, so a taken port leaves nothing running. */
async function listenForStatus(wiring: Wiring, running: () => boolean) {
  const { config, metrics } = wiring;
  if (wiring.mode !== 'worker') return undefined;
  try {
    return await listen(
      workerStatusApp(metrics, config.HERALD_METRICS_TOKEN, running),
      config.HERALD_WORKER_PORT,
    );
  } catch (error) {
    throw new Error(
      `The worker's /health/live and /metrics cannot listen on HERALD_WORKER_PORT=${config.HERALD_WORKER_PORT} (${error instanceof Error ? error.message : String(error)}); set it to a free port, or 0 to pick one.`,
      { cause: error },
    );
  }
}

export async function startWorker(wiring: Wiring): Promise<RunningPart> {
  const { config, secrets, logger, metrics } = wiring;
  const db = connectDatabase(wiring.databaseUrl, POOLS.worker);
  // Set once the Temporal worker exists; until then the process is not live yet.
  let isRunning = () => false;
  const status = await listenForStatus(wiring, () => isRunning());
  const sender = createHttpSender({
    allowHttp: config.HERALD_ALLOW_HTTP,
    ...(config.HERALD_ALLOW_PRIVATE_NETWORKS ? {} : { ssrfGuard: {} }),
  });
  const repository = new DeliveryRepository(db, metrics.deliveries);
  const policy = deliveryPolicyFrom(config);
  const deliverer = createDeliverer({
    repository,
    sender,
    secrets,
    fairShare: createFairShare(),
    logger,
    metrics,
    autoDisableAfterMs: config.HERALD_AUTO_DISABLE_AFTER,
    otlpServiceName: config.HERALD_OTLP_SERVICE_NAME,
    autoDisabledReason: `Every delivery attempt failed for ${formatDuration(config.HERALD_AUTO_DISABLE_AFTER)} (HERALD_AUTO_DISABLE_AFTER).`,
  });
  // One per process: the activities' starts and the outbox launches share its client and its
  // search-attribute decision.
  let workerStarts: EventWorkflowStarting | undefined;
  const startingOn = (connection: NativeConnection) =>
    (workerStarts ??= workerStarting(wiring, connection, policy));
  let created: Awaited<ReturnType<typeof createHeraldWorker>>;
  try {
    created = await createHeraldWorker({
      logger,
      connection: temporalConnectionOptions(config, wiring.address),
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      activities: (connection) => {
        const starting = startingOn(connection);
        const { temporal } = starting;
        const redelivery = new Redelivery({ db, ...starting });
        return createActivities({
          db,
          repository,
          deliverer,
          defaultLimits: attemptLimitsOf(policy),
          testRequests: new TestRequests(db, secrets),
          retentionMs: config.HERALD_RETENTION,
          backfills: new BackfillStore(db),
          reconciler: {
            db,
            workflowState: (workflowId) => workflowState(temporal, workflowId),
            takeOver: (workflowId) => redelivery.takeOver(workflowId),
            restartFanout: (event) => redelivery.restartFanout(event),
          },
        });
      },
      workflowBundle:
        wiring.workflowBundle ?? (await bundleWorkflows({ tracing: wiring.tracing !== undefined })),
      tracing: wiring.tracing,
    });
  } catch (error) {
    await status?.close();
    await sender.close();
    await db.destroy();
    throw error;
  }
  const { workers, connection } = created;
  // Off the start path: deliveries do not wait for the Schedule, and it logs its own failure.
  void ensureSchedules({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
  });
  const outboxLaunches =
    config.HERALD_FIRST_ATTEMPT === 'outbox'
      ? startOutboxLaunches({ wiring, db, starting: startingOn(connection), repository, deliverer })
      : undefined;
  isRunning = () => workers.every((worker) => worker.getState() === 'RUNNING');
  const running = Promise.all(workers.map((worker) => worker.run()));
  running.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
  return {
    url: status && `http://127.0.0.1:${status.port}`,
    temporalConnection: connection,
    ...(outboxLaunches ? { launches: outboxLaunches.launches } : {}),
    stop: async () => {
      await status?.close();
      // First attempts in flight finish and are marked before the pool closes.
      await outboxLaunches?.stop();
      // Lets in-flight activities finish (up to the shutdown grace time) before the pool closes.
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await sender.close();
      await db.destroy();
    },
  };
}
