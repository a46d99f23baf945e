import type { Client, Connection } from '@temporalio/client';
import type { Logger } from 'pino';
import type { BackfillService } from '../backfill/service';
import type { Config } from '../config';
import type { Database } from '../db/knex';
import type { DeliveryHistory } from '../delivery/history';
import type { Redelivery } from '../delivery/redelivery';
import type { TestDeliveries } from '../delivery/testDeliveries';
import type { DestinationService } from '../destinations/service';
import type { EventService } from '../events/service';
import type { Metrics } from '../metrics';
import type { PlatformService } from '../platforms/service';

/** Everything a route handler may call; built once at start-up by `runtime/services.ts`. */
export interface ApiContext {
  config: Config;
  logger: Logger;
  db: Database;
  temporal: { connection: Connection; client: Client };
  rootToken: string;
  platforms: PlatformService;
  destinations: DestinationService;
  events: EventService;
  deliveries: DeliveryHistory;
  redelivery: Redelivery;
  backfills: BackfillService;
  testDeliveries: TestDeliveries;
  metrics: Metrics;
  /** Tracing exports: each /v1 request gets a server span (traceRequests.ts). */
  traced?: boolean;
}
