import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createApp } from '../api/app';
import type { Config } from '../config';
import { formatDuration } from '../duration';
import { connectDatabase, migrateToLatest, type Database } from '../db/knex';
import { createDeliverer } from '../delivery/deliverer';
import { DeliveryHistory } from '../delivery/history';
import { Redelivery } from '../delivery/redelivery';
import { createHttpSender } from '../delivery/httpSender';
import { deliveryPolicyFrom } from '../delivery/policy';
import { DeliveryRepository } from '../delivery/repository';
import { TestDeliveries } from '../delivery/testDeliveries';
import { DestinationService } from '../destinations/service';
import { EventService } from '../events/service';
import type { Logger } from '../logger';
import { PlatformService } from '../platforms/service';
import { createMetrics, type Metrics } from '../metrics';
import { createSecretBox, type SecretBox } from '../security/encryption';
import { SearchAttributeRegistry } from '../temporal/searchAttributeRegistry';
import { bundleWorkflows, createHeraldWorker } from '../temporal/worker';
import { resolveCredentials } from './credentials';
import { startInfrastructure } from './infrastructure';

export type HeraldMode = 'all' | 'api' | 'worker';

export interface HeraldOptions {
  config: Config;
  mode: HeraldMode;
  logger: Logger;
  /** Tests bundle the workflows once per run and share the bundle. */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export interface RunningHerald {
  /** `http://127.0.0.1:<port>` when this process serves the API. */
  apiUrl?: string;
  temporalUiUrl?: string;
  credentialsFile?: string;
  rootToken: string;
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

/** How often the API looks for events whose workflow could not be started at ingest. */
const SWEEP_INTERVAL_MS = 10_000;

export async function startHerald(options: HeraldOptions): Promise<RunningHerald> {
  const { config, mode, logger } = options;
  const credentials = resolveCredentials(config);
  const secrets = createSecretBox(credentials.secretKey);
  const infrastructure = await startInfrastructure(config, logger);
  const metrics = createMetrics();
  const stops: (() => Promise<void>)[] = [infrastructure.stop];
  const stopAll = async () => {
    for (const stopOne of stops.reverse()) {
      await stopOne().catch((error: unknown) =>
        logger.error({ err: error }, 'error while stopping'),
      );
    }
  };

  try {
    const db = connectDatabase(infrastructure.databaseUrl);
    stops.push(() => db.destroy());
    await migrateToLatest(db);

    let apiUrl: string | undefined;
    if (mode !== 'api') {
      stops.push(
        await startWorker({
          ...options,
          db,
          secrets,
          metrics,
          address: infrastructure.temporalAddress,
        }),
      );
    }
    if (mode !== 'worker') {
      const api = await startApi({
        ...options,
        db,
        secrets,
        metrics,
        rootToken: credentials.rootToken,
        address: infrastructure.temporalAddress,
        temporalUiUrl: infrastructure.temporalUiUrl,
      });
      stops.push(api.stop);
      apiUrl = api.url;
    }
    return {
      apiUrl,
      temporalUiUrl: infrastructure.temporalUiUrl,
      credentialsFile: credentials.file,
      rootToken: credentials.rootToken,
      databaseUrl: infrastructure.databaseUrl,
      temporalAddress: infrastructure.temporalAddress,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

interface Wiring extends HeraldOptions {
  db: Database;
  metrics: Metrics;
  secrets: SecretBox;
  address: string;
}

async function startWorker(wiring: Wiring): Promise<() => Promise<void>> {
  const { config, db, secrets, logger, metrics } = wiring;
  const sender = createHttpSender(config.HERALD_ALLOW_PRIVATE_NETWORKS ? {} : { ssrfGuard: {} });
  const repository = new DeliveryRepository(db);
  const deliverer = createDeliverer({
    repository,
    sender,
    secrets,
    attemptTimeoutMs: config.HERALD_DELIVERY_TIMEOUT,
    maxRetryIntervalMs: config.HERALD_RETRY_MAX_INTERVAL,
    metrics,
    autoDisableAfterMs: config.HERALD_AUTO_DISABLE_AFTER,
    autoDisabledReason: `Every delivery attempt failed for ${formatDuration(config.HERALD_AUTO_DISABLE_AFTER)} (HERALD_AUTO_DISABLE_AFTER).`,
  });
  const { worker, connection } = await createHeraldWorker({
    logger,
    address: wiring.address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createActivities({ db, repository, deliverer, secrets }),
    workflowBundle: wiring.workflowBundle ?? (await bundleWorkflows()),
  });
  const running = worker.run();
  running.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker polling');
  return async () => {
    // Lets in-flight activities finish (up to the shutdown grace time) before the pool closes.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
    await sender.close();
  };
}

async function startApi(
  wiring: Wiring & { rootToken: string; temporalUiUrl: string | undefined },
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { config, db, secrets, logger } = wiring;
  const connection = await Connection.connect({
    address: wiring.address,
    // No client-side gRPC retries: a call Temporal cannot take fails at once and becomes a 503
    // the caller retries (the event row is already stored). The SDK's retry timers would also
    // outlive a closed connection and throw "Channel has been shut down" after an outage.
    interceptors: [],
  });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const policy = deliveryPolicyFrom(config);
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const searchAttributes = new SearchAttributeRegistry(
    connection,
    config.TEMPORAL_NAMESPACE,
    logger,
  );
  // Decided before the first event arrives, so ingest does not wait for it.
  void searchAttributes.enabled();
  const starting = { db, temporal: client, taskQueue, policy, searchAttributes };
  const events = new EventService(starting);
  const app = createApp({
    config,
    logger,
    db,
    temporal: { connection, client },
    rootToken: wiring.rootToken,
    platforms: new PlatformService(db),
    destinations: new DestinationService(db, secrets),
    events,
    deliveries: new DeliveryHistory({
      db,
      namespace: config.TEMPORAL_NAMESPACE,
      uiUrl: wiring.temporalUiUrl,
    }),
    redelivery: new Redelivery(starting),
    testDeliveries: new TestDeliveries({
      temporal: client,
      taskQueue,
      secrets,
      attemptTimeoutMs: config.HERALD_DELIVERY_TIMEOUT,
    }),
    metrics: wiring.metrics,
  });

  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;

  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    events
      .startUnstarted(SWEEP_INTERVAL_MS)
      .then(
        (count) => count > 0 && logger.info({ count }, 'started events left unstarted at ingest'),
      )
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'unstarted-event sweep failed; will retry'),
      )
      .finally(() => (sweeping = false));
  }, SWEEP_INTERVAL_MS);

  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      clearInterval(sweep);
      // Stop accepting; requests in flight finish, idle keep-alive sockets close.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await connection.close();
    },
  };
}
