import { requireLiveDestination } from '../destinations/live';
import type { Database } from '../db/knex';
import { formatDuration } from '../duration';
import { NotFoundError, ValidationError } from '../errors';
import { heraldSearchAttributes } from '../temporal/searchAttributes';
import { startOnce, type WorkflowStarting } from '../temporal/starter';
import { workflowIds, workflowUiUrl } from '../temporal/workflowIds';
import { backfillWorkflow } from '../../workflows';
import { BackfillStore, type BackfillRow } from './store';

/** Where an operator watches a backfill's workflow: Temporal's namespace and Web UI. */
export interface TemporalUi {
  namespace: string;
  uiUrl: string | undefined;
}

/** A destination's backfills that GET …/backfills lists (the newest). */
const LISTED_BACKFILLS = 20;

/** A backfill as the API shows it (DESIGN §4). */
export function toBackfill(row: BackfillRow, ui: TemporalUi) {
  return {
    id: row.id,
    destinationId: row.destination_id,
    status: row.status,
    total: row.total,
    delivered: row.delivered,
    failed: row.failed,
    since: row.since.toISOString(),
    until: row.until.toISOString(),
    createdAt: row.created_at.toISOString(),
    temporal: {
      workflowId: row.workflow_id,
      uiUrl: workflowUiUrl(ui.uiUrl, ui.namespace, row.workflow_id),
    },
  };
}

export type Backfill = ReturnType<typeof toBackfill>;

/**
 * Sends a destination the stored events it never got, oldest first, through a Temporal workflow
 * (`backfill:<id>`). Running it twice sends nothing twice: a delivery is unique per event and
 * destination, and only events with none are owed.
 */
export class BackfillService {
  private readonly store: BackfillStore;

  constructor(
    private readonly options: WorkflowStarting & {
      db: Database;
      retentionMs: number;
      ui: TemporalUi;
    },
  ) {
    this.store = new BackfillStore(options.db);
  }

  async start(
    platformId: string,
    destinationId: string,
    since: Date,
    until: Date | undefined,
  ): Promise<{ id: string; total: number }> {
    const { temporal, taskQueue, policy, searchAttributes, retentionMs } = this.options;
    if (since.getTime() < Date.now() - retentionMs) {
      throw new ValidationError([
        {
          path: 'since',
          message: `is older than HERALD_RETENTION (${formatDuration(retentionMs)}): those events are purged`,
        },
      ]);
    }
    await requireLiveDestination(this.options.db, platformId, destinationId);
    const range = {
      platform_id: platformId,
      destination_id: destinationId,
      since,
      until: until ?? new Date(),
    };
    const total = await this.store.countOwed(range);
    const backfill = await this.store.create({ ...range, total }, workflowIds.backfill);
    await startOnce(temporal, backfillWorkflow, {
      workflowId: backfill.workflow_id,
      taskQueue,
      args: [{ backfillId: backfill.id, policy, after: null, page: 0 }],
      typedSearchAttributes: await searchAttributes.forStart([
        { key: heraldSearchAttributes.platformId, value: platformId },
      ]),
    });
    return { id: backfill.id, total };
  }

  async get(platformId: string, id: string): Promise<Backfill> {
    const row = await this.store.get(platformId, id);
    if (!row) throw new NotFoundError('Backfill');
    return toBackfill(row, this.options.ui);
  }

  /** A destination's latest backfills, newest first. */
  async list(platformId: string, destinationId: string): Promise<Backfill[]> {
    await requireLiveDestination(this.options.db, platformId, destinationId);
    const rows = await this.store.latest(platformId, destinationId, LISTED_BACKFILLS);
    return rows.map((row) => toBackfill(row, this.options.ui));
  }

  /** Stops sending: its workflow is cancelled, and the deliveries it had pending end `cancelled`. */
  async cancel(platformId: string, id: string): Promise<Backfill> {
    const row = await this.store.get(platformId, id);
    if (!row) throw new NotFoundError('Backfill');
    if (row.status === 'running') {
      await this.options.temporal.workflow.getHandle(row.workflow_id).cancel();
      await this.store.finish(id, 'cancelled');
    }
    return this.get(platformId, id);
  }
}
