import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from './db/knex';
import { refreshing } from './refreshing';

/** Gauges read from Postgres are computed at most this often, however often Prometheus scrapes. */
const DATABASE_GAUGE_TTL_MS = 10_000;

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics of one Herald process (API, worker or both), served at GET /metrics. Label
 * values come from small fixed sets (event types of the catalog, status classes), never from ids.
 */
export function createMetrics(db: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'herald_' });
  const registers = [registry];
  const databaseCounts = countFromDatabase(db);
  return {
    registry,
    httpRequests: new Counter({
      name: 'herald_http_requests_total',
      help: 'API requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'herald_http_request_duration_seconds',
      help: 'API request durations',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    eventsIngested: new Counter({
      name: 'herald_events_ingested_total',
      help: 'POST /v1/events by event type and outcome (accepted, duplicate, rejected, unavailable)',
      labelNames: ['type', 'outcome'],
      registers,
    }),
    ingestDuration: new Histogram({
      name: 'herald_ingest_duration_seconds',
      help: 'Time to answer POST /v1/events, from authentication to the answer, by outcome',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    deliveries: new Counter({
      name: 'herald_deliveries_total',
      help: 'Deliveries that reached a final status, by outcome (succeeded, failed, cancelled)',
      labelNames: ['outcome'],
      registers,
    }),
    deliveryAttempts: new Counter({
      name: 'herald_delivery_attempts_total',
      help: 'Delivery attempts by HTTP status class (2xx…5xx, error = no answer, refused = forbidden address) and outcome',
      labelNames: ['status_class', 'outcome'],
      registers,
    }),
    deliveryDeferrals: new Counter({
      name: 'herald_delivery_deferrals_total',
      help: 'Attempts put off, unsent: their platform or destination already had its fair share of the worker in flight, or the destination’s host is paused because it let the platform’s last attempts to it time out or holds them unanswered (limit=hanging)',
      labelNames: ['limit'],
      registers,
    }),
    deliveryAttemptDuration: new Histogram({
      name: 'herald_delivery_attempt_duration_seconds',
      help: 'Time from connect to the last byte of one delivery attempt',
      labelNames: ['status_class'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
      registers,
    }),
    temporalClientErrors: new Counter({
      name: 'herald_temporal_client_errors_total',
      help: 'Failed calls from the API to Temporal, by gRPC method and status code',
      labelNames: ['method', 'code'],
      registers,
    }),
    deliveriesPendingRetry: new Gauge({
      name: 'herald_deliveries_pending_retry',
      help: 'Deliveries with at least one failed attempt that are waiting for their next one (whole database)',
      registers,
      async collect() {
        this.set((await databaseCounts()).pendingRetry);
      },
    }),
    eventsAwaitingStart: new Gauge({
      name: 'herald_events_awaiting_start',
      help: 'Accepted events whose workflow Temporal does not have yet: the ingest outbox (whole database)',
      registers,
      async collect() {
        this.set((await databaseCounts()).awaitingStart);
      },
    }),
    destinationsDisabled: new Gauge({
      name: 'herald_destinations_disabled',
      help: 'Disabled destinations (by an admin, by auto-disable or by 410 Gone; whole database)',
      registers,
      async collect() {
        this.set((await databaseCounts()).disabledDestinations);
      },
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** `2xx`…`5xx` for an HTTP answer; `error` when none came; `refused` for a forbidden address. */
export function statusClassOf(result: { statusCode?: number; refused?: boolean }): string {
  if (result.refused) return 'refused';
  if (result.statusCode === undefined) return 'error';
  return `${Math.floor(result.statusCode / 100)}xx`;
}

/** The database gauges from one cached query, so a scrape costs one round trip at most. */
function countFromDatabase(db: Database): () => Promise<DatabaseCounts> {
  return refreshing(DATABASE_GAUGE_TTL_MS, () => queryCounts(db));
}

interface DatabaseCounts {
  pendingRetry: number;
  disabledDestinations: number;
  awaitingStart: number;
}

async function queryCounts(db: Database): Promise<DatabaseCounts> {
  const { rows } = await db.raw<{
    rows: { pending_retry: string; disabled: string; awaiting_start: string }[];
  }>(`
    select
      (select count(*) from deliveries where status = 'pending' and attempt_count > 0) as pending_retry,
      (select count(*) from event_destinations where not enabled and deleted_at is null) as disabled,
      (select count(*) from events where workflow_started_at is null) as awaiting_start`);
  return {
    pendingRetry: Number(rows[0]!.pending_retry),
    disabledDestinations: Number(rows[0]!.disabled),
    awaitingStart: Number(rows[0]!.awaiting_start),
  };
}
