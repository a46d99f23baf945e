import type { Knex } from 'knex';
import * as initial from './20261127000000_initial';
import * as destinationHealth from './20261127000100_destination_health';
import * as pendingDeliveriesIndex from './20261128000000_pending_deliveries_index';
import * as eventOutbox from './20261128100000_event_outbox';
import * as statusReasonAndTestRequests from './20261129000000_status_reason_and_test_requests';
import * as retentionIndex from './20261129100000_retention_index';
import * as reconciliation from './20261130000000_reconciliation';
import * as destinationFilterAndRedact from './20261130100000_destination_filter_and_redact';
import * as backfills from './20261130200000_backfills';
import * as backfillOrderAndPages from './20261201000000_backfill_order_and_pages';
import * as destinationFormat from './20261201100000_destination_format';
import * as attemptErrorCode from './20261201200000_attempt_error_code';
import * as eventActor from './20261201300000_event_actor';
import * as eventTraceparent from './20261202000000_event_traceparent';

/**
 * Migrations are listed here rather than discovered on disk, so they load the same way under
 * tsx, jest and a compiled build. Append new ones; never reorder or rename.
 */
const migrations: Record<string, Knex.Migration> = {
  '20261127000000_initial': initial,
  '20261127000100_destination_health': destinationHealth,
  '20261128000000_pending_deliveries_index': pendingDeliveriesIndex,
  '20261128100000_event_outbox': eventOutbox,
  '20261129000000_status_reason_and_test_requests': statusReasonAndTestRequests,
  '20261129100000_retention_index': retentionIndex,
  '20261130000000_reconciliation': reconciliation,
  '20261130100000_destination_filter_and_redact': destinationFilterAndRedact,
  '20261130200000_backfills': backfills,
  '20261201000000_backfill_order_and_pages': backfillOrderAndPages,
  '20261201100000_destination_format': destinationFormat,
  '20261201200000_attempt_error_code': attemptErrorCode,
  '20261201300000_event_actor': eventActor,
  '20261202000000_event_traceparent': eventTraceparent,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
