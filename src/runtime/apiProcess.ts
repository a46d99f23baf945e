import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { DeliveryHistory } from '../delivery/history';
import { deliveryPolicyFrom } from '../delivery/policy';
import { BackfillService } from '../backfill/service';
import { Redelivery } from '../delivery/redelivery';
import { TestDeliveries } from '../delivery/testDeliveries';
import { DestinationService } from '../destinations/service';
import { DeliveryRepository } from '../delivery/repository';
import { TestRequests } from '../delivery/testRequests';
import { TEST_ATTEMPT_TIMEOUT_MS, testTaskQueueOf } from '../temporal/taskQueues';
import { EventLauncher, workflowLaunch } from '../events/launcher';
import { EventOutbox, START_LEASE_SECONDS } from '../events/outbox';
import { announcingLaunches } from '../events/outboxWakeups';
import { EventService, type LaunchQueue } from '../events/service';
import { outboxLeaseSeconds } from '../delivery/firstAttempts';
import { PlatformService } from '../platforms/service';
import type { NativeConnection } from '@temporalio/worker';
import { countFailedTemporalCalls } from '../temporal/clientMetrics';
import { temporalConnectionOptions } from '../temporal/connectionOptions';
import { SearchAttributeRegistry } from '../temporal/searchAttributeRegistry';
import { connectDatabase, POOLS } from '../db/knex';
import { tracingClientInterceptors } from '../telemetry/temporal';
import { listen } from './httpServer';
import type { RunningPart, Wiring } from './wiring';
import { workerClient } from './workerStarting';

/** Workflow starts in flight at once per API process: enough to keep Temporal busy, no more. */
const WORKFLOW_START_CONCURRENCY = 16;

export async function startApi(
  wiring: Wiring & {
    rootToken: string;
    temporalUiUrl: string | undefined;
    /** The worker's connection when both run in this process (`npm start`). */
    workerConnection?: NativeConnection;
    /** The worker's outbox launches when both run in this process (HERALD_FIRST_ATTEMPT=outbox). */
    workerLaunches?: LaunchQueue;
  },
): Promise<RunningPart> {
  const { config, secrets, logger, metrics } = wiring;
  const db = connectDatabase(wiring.databaseUrl, POOLS.api);
  // Lazy: the API starts and takes events while Temporal is down; starts wait in the outbox.
  const connection = Connection.lazy({
    ...temporalConnectionOptions(config, wiring.address),
    // Only the failure counter, none of the SDK's retry interceptors: a call Temporal cannot
    // take fails at once (the outbox tries the start again; redelivery answers 503). The SDK's
    // retry timers would also outlive a closed connection and throw "Channel has been shut
    // down" after an outage.
    interceptors: [countFailedTemporalCalls(metrics.temporalClientErrors)],
  });
  const interceptors = tracingClientInterceptors(wiring.tracing);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors });
  const policy = deliveryPolicyFrom(config);
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const searchAttributes = new SearchAttributeRegistry(
    connection,
    config.TEMPORAL_NAMESPACE,
    logger,
  );
  searchAttributes.decideEarly();
  const starting = { db, temporal: client, taskQueue, policy, searchAttributes };
  const outboxFirst = config.HERALD_FIRST_ATTEMPT === 'outbox';
  const outbox = new EventOutbox(db, config.HERALD_INGEST_BACKLOG_LIMIT, {
    seconds: outboxFirst ? outboxLeaseSeconds(policy) : START_LEASE_SECONDS,
    newRowsOwned: !outboxFirst || wiring.workerLaunches !== undefined,
  });
  // HERALD_FIRST_ATTEMPT=workflow: this process starts each event's workflow. Beside a worker,
  // starts go through the worker's own connection and ask for the first task eagerly: Temporal
  // hands it back in the start's answer, skipping the task queue round trip.
  const launcher = outboxFirst
    ? undefined
    : new EventLauncher({
        outbox,
        logger,
        concurrency: WORKFLOW_START_CONCURRENCY,
        launch: workflowLaunch(
          wiring.workerConnection
            ? { ...starting, temporal: workerClient(wiring, wiring.workerConnection), eager: true }
            : starting,
        ),
      });
  // HERALD_FIRST_ATTEMPT=outbox: the worker launches, beside this process or apart from it.
  const launches = launcher ?? wiring.workerLaunches ?? announcingLaunches(outbox, logger);
  const events = new EventService({ db, outbox, launches });
  const deliveryStore = new DeliveryRepository(db, metrics.deliveries);
  const app = createApp({
    config,
    logger,
    db,
    temporal: { connection, client },
    rootToken: wiring.rootToken,
    platforms: new PlatformService(db),
    destinations: new DestinationService(
      db,
      secrets,
      { maxDestinations: config.HERALD_MAX_DESTINATIONS },
      deliveryStore,
    ),
    events,
    deliveries: new DeliveryHistory({
      db,
      namespace: config.TEMPORAL_NAMESPACE,
      uiUrl: wiring.temporalUiUrl,
    }),
    redelivery: new Redelivery(starting),
    backfills: new BackfillService({
      ...starting,
      retentionMs: config.HERALD_RETENTION,
      ui: { namespace: config.TEMPORAL_NAMESPACE, uiUrl: wiring.temporalUiUrl },
    }),
    testDeliveries: new TestDeliveries({
      temporal: client,
      taskQueue: testTaskQueueOf(taskQueue),
      requests: new TestRequests(db, secrets),
      attemptTimeoutMs: Math.min(config.HERALD_DELIVERY_TIMEOUT, TEST_ATTEMPT_TIMEOUT_MS),
    }),
    metrics,
    traced: wiring.tracing !== undefined,
  });

  const server = await listen(app, config.PORT);

  launcher?.startRelay();

  return {
    url: `http://127.0.0.1:${server.port}`,
    stop: async () => {
      await server.close();
      await launcher?.stop();
      await connection.close();
      await db.destroy();
    },
  };
}
