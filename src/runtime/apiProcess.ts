import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { DeliveryHistory } from '../delivery/history';
import { deliveryPolicyFrom } from '../delivery/policy';
import { Redelivery } from '../delivery/redelivery';
import { TestDeliveries } from '../delivery/testDeliveries';
import { DestinationService } from '../destinations/service';
import { EventService } from '../events/service';
import { PlatformService } from '../platforms/service';
import { countFailedTemporalCalls } from '../temporal/clientMetrics';
import { temporalConnectionOptions } from '../temporal/connectionOptions';
import { SearchAttributeRegistry } from '../temporal/searchAttributeRegistry';
import { listen } from './httpServer';
import type { RunningPart, Wiring } from './wiring';

/** How often the API looks for events whose workflow could not be started at ingest. */
const SWEEP_INTERVAL_MS = 10_000;

export async function startApi(
  wiring: Wiring & { rootToken: string; temporalUiUrl: string | undefined },
): Promise<RunningPart> {
  const { config, db, secrets, logger, metrics } = wiring;
  const connection = await Connection.connect({
    ...temporalConnectionOptions(config, wiring.address),
    // Only the failure counter, none of the SDK's retry interceptors: a call Temporal cannot
    // take fails at once and becomes a 503 the caller retries (the event row is already stored).
    // The SDK's retry timers would also outlive a closed connection and throw "Channel has been
    // shut down" after an outage.
    interceptors: [countFailedTemporalCalls(metrics.temporalClientErrors)],
  });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const policy = deliveryPolicyFrom(config);
  const taskQueue = config.TEMPORAL_TASK_QUEUE;
  const searchAttributes = new SearchAttributeRegistry(
    connection,
    config.TEMPORAL_NAMESPACE,
    logger,
  );
  // Decided before the first event arrives, so ingest does not wait for it; if Temporal is not
  // up yet, the first start decides instead.
  searchAttributes.enabled().catch(() => undefined);
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
    metrics,
  });

  const server = await listen(app, config.PORT);

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
    url: `http://127.0.0.1:${server.port}`,
    stop: async () => {
      clearInterval(sweep);
      await server.close();
      await connection.close();
    },
  };
}
