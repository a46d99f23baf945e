import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import type {
  DeliverInput,
  DeliveryPolicy,
  EventRetriesInput,
  PutOffStillInput,
  RetryOutcome,
} from '../../src/temporal/contracts';
import knexFactory from 'knex';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald } from '../support/herald';
import { startTarpit } from '../support/receiver';

/**
 * The orchestration of put-off deliveries (workflows/delivering.ts), on the real Temporal server
 * with the real workflow bundle. The activities are scripted: what the receiver's pause says at
 * each check is the fair share's business (tested in fairness.test.ts and deliverer.test.ts),
 * and this test needs it to say "still put off" at chosen moments.
 */
const policy: DeliveryPolicy = {
  initialIntervalMs: 200,
  backoffCoefficient: 1,
  maximumIntervalMs: 5_000,
  maximumAttempts: 0,
  deliveryWindowMs: 3_600_000,
  attemptTimeoutMs: 3_000,
};

const putOff = (retryAfterMs: number): RetryOutcome => ({
  kind: 'retry',
  reason: 'deferred, nothing sent',
  retryAfterMs,
  receiverPutOff: true,
});

const workflowBundle = () => JSON.parse(readFileSync(requireTestEnv('workflowBundle'), 'utf8'));

it('waits out put-off deliveries on one timer per delay, asks again in the workflow, and sends each once it may', async () => {
  const taskQueue = `put-off-${randomBytes(4).toString('hex')}`;
  /** What the receiver's pause answers for each delivery, check after check. */
  const answers: Record<string, (RetryOutcome | null)[]> = {
    'dlv-a': [putOff(300), null],
    'dlv-b': [null],
    'dlv-c': [null],
    // Put off at every check: after the last one it goes to its activity unasked.
    'dlv-d': [putOff(100), putOff(100), putOff(100), putOff(100)],
  };
  const checks: string[][] = [];
  const sent: string[] = [];
  const scripted: Partial<Activities> = {
    async putOffStill({ deliveryIds }: PutOffStillInput) {
      checks.push(deliveryIds);
      return deliveryIds.map((id) => answers[id]!.shift() ?? null);
    },
    async deliver({ deliveryId }: DeliverInput) {
      sent.push(deliveryId);
      return 'succeeded';
    },
  };
  const connection = await NativeConnection.connect({
    address: requireTestEnv('temporalAddress'),
  });
  const clientConnection = await Connection.connect({
    address: requireTestEnv('temporalAddress'),
  });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: scripted,
  });
  try {
    const input: EventRetriesInput = {
      platformId: 'plt-put-off',
      eventId: 'evt-put-off',
      policy,
      firstAttemptAt: Date.now(),
      retries: [
        { deliveryId: 'dlv-a', firstAttempt: putOff(500) },
        { deliveryId: 'dlv-b', firstAttempt: putOff(500) },
        { deliveryId: 'dlv-c', firstAttempt: putOff(800) },
        { deliveryId: 'dlv-d', firstAttempt: putOff(500) },
        // A retry that was sent (a 503): one timer of its own, then its activity, never asked.
        { deliveryId: 'dlv-e', firstAttempt: { kind: 'retry', reason: 'HTTP 503' } },
      ],
    };
    const client = new Client({ connection: clientConnection });
    const { summary, history } = await worker.runUntil(async () => {
      const handle = await client.workflow.start('eventRetriesWorkflow', {
        taskQueue,
        workflowId: `put-off-${taskQueue}`,
        args: [input],
      });
      return { summary: await handle.result(), history: await handle.fetchHistory() };
    });

    expect(summary).toEqual({ deliveries: 5, succeeded: 5, failed: 0, cancelled: 0 });
    // One check for the deliveries that shared a delay, one for dlv-c's; then dlv-a once more
    // and dlv-d twice more (three checks at most), each on its own new delay.
    expect(checks[0]).toEqual(['dlv-a', 'dlv-b', 'dlv-d']);
    expect(checks.slice(1).sort()).toEqual([['dlv-a'], ['dlv-c'], ['dlv-d'], ['dlv-d']]);
    expect(answers['dlv-d']).toHaveLength(1);
    expect([...sent].sort()).toEqual(['dlv-a', 'dlv-b', 'dlv-c', 'dlv-d', 'dlv-e']);
    const events = history.events ?? [];
    const timers = events
      .map((event) => event.timerStartedEventAttributes?.startToFireTimeout)
      .filter((timeout) => timeout !== undefined && timeout !== null)
      .map(
        (timeout) => Number(timeout.seconds ?? 0) * 1000 + Math.round((timeout.nanos ?? 0) / 1e6),
      );
    // dlv-e's interval; the 500 ms group, dlv-c's 800; dlv-a and dlv-d put off again (300 and
    // 100); dlv-d twice more, then a last time before its activity.
    expect([...timers].sort((x, y) => x - y)).toEqual([100, 100, 100, 200, 300, 500, 800]);
    // An activity per delivery, each sent once; no bookkeeping activity (nothing failed).
    expect(
      events
        .filter((event) => event.activityTaskScheduledEventAttributes)
        .map((event) => event.activityTaskScheduledEventAttributes!.activityType!.name),
    ).toEqual(Array(5).fill('deliver'));
    // The branch replays against the code that recorded it.
    await Worker.runReplayHistory(
      { workflowBundle: workflowBundle() },
      history,
      `put-off-${taskQueue}`,
    );
  } finally {
    await clientConnection.close();
    await connection.close();
  }
}, 60_000);

it('asks a silent host again when the timer ends, then sends: every delivery tried and settled, none left pending', async () => {
  // Two attempts at most, so the refused attempts end the deliveries as `failed`.
  const herald = await startTestHerald({ env: { HERALD_RETRY_MAX_ATTEMPTS: '2' } });
  const silentHost = await startTarpit();
  const connection = await Connection.connect({ address: herald.temporalAddress });
  const db = knexFactory({
    client: 'pg',
    connection: herald.databaseUrl,
    pool: { min: 0, max: 1 },
  });
  try {
    const platform = await createPlatform(herald.api, { name: 'put off, then asked again' });
    const addDestination = (path: string) =>
      herald.api('POST', '/v1/event-destinations', {
        token: platform.admin,
        body: { url: silentHost.url(path), events: ['flow.created'] },
      });
    await addDestination('/held');
    // Attempts the host holds unanswered make it silent for this platform.
    await herald.api('POST', '/v1/events/batch', {
      token: platform.ingest,
      body: {
        events: Array.from({ length: HANGING_RECEIVERS.silentInFlight }, () => ({
          type: 'flow.created',
          data: {},
        })),
      },
    });
    await eventually(() => expect(silentHost.holding()).toBe(HANGING_RECEIVERS.silentInFlight));
    await new Promise((resolve) => setTimeout(resolve, HANGING_RECEIVERS.minSilenceMs));
    await addDestination('/later/1');
    await addDestination('/later/2');
    const event = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { type: 'flow.created', data: {} },
    });
    const handle = new Client({ connection }).workflow.getHandle(event.body.workflowId);
    const historyOf = async () => (await handle.fetchHistory()).events ?? [];
    await eventually(async () =>
      expect((await historyOf()).filter((e) => e.timerStartedEventAttributes)).toHaveLength(1),
    );
    // The host goes away: its held attempts end, so it is silent no more; it refuses the rest.
    await silentHost.stop();
    await handle.result();

    const events = await historyOf();
    const markers = events.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity',
    );
    // The first task's attempts, then the check when the timer ended.
    expect(markers).toHaveLength(2);
    const afterCheck = events.slice(events.indexOf(markers[1]!));
    expect(
      afterCheck.filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliver',
      ),
    ).toHaveLength(3);
    const rows = await db('deliveries')
      .where({ platform_id: platform.id, event_id: event.body.id })
      .select('status', 'attempt_count');
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.status === 'failed' && row.attempt_count >= 1)).toBe(true);
  } finally {
    await db.destroy();
    await connection.close();
    await silentHost.stop();
    await herald.stop();
  }
}, 90_000);
