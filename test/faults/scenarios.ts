import type { Database } from '../../src/db/knex';
import { RECONCILIATION } from '../../src/delivery/reconciler';
import { pollUntil } from '../../src/runtime/poll';
import { HERALD_SCHEDULES } from '../../src/temporal/schedules';
import { apiClient } from '../support/herald';
import type { Stack } from '../support/stack';
import type { setUpPlatform } from './driver';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ScenarioContext<T = Stack> {
  stack: T;
  db: Database;
  prefix: string;
  platform: Awaited<ReturnType<typeof setUpPlatform>>;
}

export interface Scenario<T = Stack> {
  name: string;
  /** The fault, injected once 30% of the events are acknowledged; answers a note. */
  inject?: (context: ScenarioContext<T>) => Promise<string | void>;
  /** Operator actions once every event arrived; answers a note and the arrivals they add. */
  afterDelivered?: (
    context: ScenarioContext<T>,
  ) => Promise<{ note: string; extraArrivals: number }>;
  /** The receiver answers after the attempt's timeout: Herald cannot know it got the event. */
  duplicatesExpected?: boolean;
  /** The receiver failed, so deliveries retried; elsewhere every delivery takes one attempt. */
  retriesExpected?: boolean;
}

async function exitWithin(spawned: Stack['api'], limitMs: number): Promise<string> {
  const startedAt = Date.now();
  const code = await spawned.kill('SIGTERM');
  const took = Date.now() - startedAt;
  if (code !== 0 || took > limitMs) throw new Error(`SIGTERM: exit ${code} after ${took} ms`);
  return `${took} ms`;
}

/** Event workflows of the platform whose deliveries wait to retry: the ones an operator stops. */
async function retryingEventWorkflows(db: Database, platformId: string): Promise<string[]> {
  return db('deliveries')
    .where({ platform_id: platformId, status: 'pending' })
    .andWhere('attempt_count', '>=', 1)
    .andWhere('workflow_id', 'like', 'event:%')
    .distinct()
    .limit(20)
    .pluck('workflow_id');
}

/** Runs a CLI command on the first of the workflows it succeeds on (some may finish meanwhile). */
async function onFirstRunning(
  stack: Stack,
  workflowIds: string[],
  command: (workflowId: string) => string[],
): Promise<string> {
  for (const workflowId of workflowIds) {
    try {
      await stack.temporalCli(command(workflowId));
      return workflowId;
    } catch {
      // Closed already: the next one.
    }
  }
  throw new Error('no retrying workflow left to stop');
}

/** Redelivers each delivery through the API, retrying (as a careful client) until it is taken. */
async function redeliver(
  stack: Stack,
  admin: string,
  deliveryIds: string[],
  onAccepted: (accepted: number) => void = () => undefined,
): Promise<void> {
  let next = 0;
  let accepted = 0;
  const lane = async () => {
    while (next < deliveryIds.length) {
      const deliveryId = deliveryIds[next++]!;
      for (;;) {
        // The same key on every try: a retried call finds the series the lost one started.
        const answer = await apiClient(stack.apiUrl)(
          'POST',
          `/v1/deliveries/${deliveryId}/redeliver`,
          { token: admin, headers: { 'idempotency-key': `faults-${deliveryId}` } },
        ).catch(() => undefined);
        if (answer?.status === 202) break;
        await sleep(200);
      }
      onAccepted(++accepted);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'worker SIGKILL, restarted 2 s later',
    inject: async ({ stack }) => {
      await stack.worker.kill('SIGKILL');
      await sleep(2_000);
      stack.worker = stack.startWorker();
    },
  },
  {
    name: 'API SIGKILL during ingest, restarted',
    inject: async ({ stack }) => {
      await stack.api.kill('SIGKILL');
      await sleep(1_000);
      stack.api = await stack.startApi();
    },
  },
  {
    name: 'Temporal SIGKILL, restarted on its file',
    inject: async ({ stack }) => {
      await stack.killTemporal();
      await sleep(2_000);
      await stack.restartTemporal();
    },
  },
  {
    name: 'Postgres restarted',
    inject: async ({ stack }) => {
      await stack.stopPostgres();
      await sleep(2_000);
      await stack.startPostgres();
    },
  },
  {
    name: 'Postgres down for 60 s, receivers fine',
    inject: async ({ stack, prefix }) => {
      await stack.stopPostgres();
      await sleep(60_000);
      await stack.startPostgres();
      const backAt = Date.now();
      const arrivedAfter = () =>
        stack.receiver
          .all()
          .filter(
            (request) => request.path.startsWith(`/${prefix}/`) && request.receivedAt > backAt,
          )
          .map((request) => request.receivedAt);
      await pollUntil(
        'a delivery after Postgres returned',
        60_000,
        async () => arrivedAfter().length > 0,
        100,
      );
      return `first delivery ${((Math.min(...arrivedAfter()) - backAt) / 1000).toFixed(1)} s after Postgres returned`;
    },
  },
  {
    name: 'receiver down for 5 s',
    retriesExpected: true,
    inject: async ({ stack }) => {
      await stack.receiver.down();
      await sleep(5_000);
      await stack.receiver.up();
    },
  },
  {
    name: 'receiver slower than the timeout for 5 s',
    duplicatesExpected: true,
    retriesExpected: true,
    inject: async ({ stack }) => {
      stack.receiver.setDelay(1_500);
      await sleep(5_000);
      stack.receiver.setDelay(0);
    },
  },
  {
    name: 'SIGTERM to API and worker under load',
    inject: async ({ stack }) => {
      const [api, worker] = await Promise.all([
        exitWithin(stack.api, 30_000),
        exitWithin(stack.worker, 30_000),
      ]);
      stack.worker = stack.startWorker();
      stack.api = await stack.startApi();
      return `graceful exits: API ${api}, worker ${worker}`;
    },
  },
  {
    name: 'a workflow cancelled, another terminated (Temporal CLI)',
    retriesExpected: true,
    inject: async ({ stack, db, platform }) => {
      await stack.receiver.down();
      let retrying: string[] = [];
      await pollUntil('two event workflows retrying', 60_000, async () => {
        retrying = await retryingEventWorkflows(db, platform.platformId);
        return retrying.length >= 2;
      });
      const cancelled = await onFirstRunning(stack, retrying, (workflowId) => [
        'workflow',
        'cancel',
        '--workflow-id',
        workflowId,
      ]);
      const terminated = await onFirstRunning(
        stack,
        retrying.filter((workflowId) => workflowId !== cancelled),
        (workflowId) => [
          'workflow',
          'terminate',
          '--workflow-id',
          workflowId,
          '--reason',
          'fault suite',
        ],
      );
      await sleep(5_000);
      await stack.receiver.up();
      // The cancelled event's deliveries end `cancelled`; its operator redelivers them.
      const cancelledEventId = cancelled.slice(`event:${platform.platformId}:`.length);
      let toRedeliver: string[] = [];
      await pollUntil('the cancelled deliveries recorded', 30_000, async () => {
        const rows: { id: string; status: string }[] = await db('deliveries')
          .where({ platform_id: platform.platformId, event_id: cancelledEventId })
          .select('id', 'status');
        toRedeliver = rows.filter((row) => row.status === 'cancelled').map((row) => row.id);
        return rows.every((row) => row.status !== 'pending');
      });
      await redeliver(stack, platform.admin, toRedeliver);
      // The terminated one's are the reconciler's: its Schedule runs every 2 minutes; the
      // operator triggers it once they have been quiet long enough.
      await sleep(RECONCILIATION.quietForMs + 5_000);
      await stack.temporalCli([
        'schedule',
        'trigger',
        '--schedule-id',
        HERALD_SCHEDULES.reconciliation.scheduleId,
      ]);
      return `cancelled ${cancelled} (${toRedeliver.length} redelivered), terminated ${terminated}`;
    },
  },
  {
    name: 'redeliveries while the API is SIGKILLed',
    // Each redelivered delivery takes a second attempt, by request.
    retriesExpected: true,
    afterDelivered: async ({ stack, db, platform }) => {
      const deliveryIds: string[] = await db('deliveries')
        .where({ platform_id: platform.platformId, status: 'succeeded' })
        .orderBy('id')
        .limit(300)
        .pluck('id');
      let killing: Promise<void> | undefined;
      await redeliver(stack, platform.admin, deliveryIds, (accepted) => {
        if (accepted !== 100) return;
        killing = (async () => {
          await stack.api.kill('SIGKILL');
          await sleep(1_000);
          stack.api = await stack.startApi();
        })();
      });
      await killing;
      return {
        note: `${deliveryIds.length} redelivered, the API SIGKILLed after 100`,
        extraArrivals: deliveryIds.length,
      };
    },
  },
];
