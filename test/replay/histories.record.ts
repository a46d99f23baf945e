/**
 * Records one history per workflow type for the replay test. Run `npm run record:histories`
 * after an intended change to a workflow, review the diff of test/fixtures/histories, commit.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald } from '../support/herald';
import { startReceiver, startTarpit } from '../support/receiver';
import { FIRST_ATTEMPTS_AT_ONCE_MAX } from '../../src/delivery/firstAttempts';
import { HANGING_RECEIVERS } from '../../src/delivery/hangingReceivers';
import { MAX_DELIVERIES_PER_WORKFLOW } from '../../src/temporal/contracts';
import { HISTORIES_DIR, RECORDED_WORKFLOWS } from './histories';

it('records workflow histories', async () => {
  const receiver = await startReceiver();
  const herald = await startTestHerald({ env: { HERALD_RETRY_MAX_ATTEMPTS: '2' } });
  const connection = await Connection.connect({ address: herald.temporalAddress });
  const client = new Client({ connection });
  /** Destinations of one platform at these URLs, for flow.created. */
  const addDestinations = async (admin: string, urls: string[]) => {
    for (const url of urls) {
      await herald.api('POST', '/v1/event-destinations', {
        token: admin,
        body: { url, events: ['flow.created'] },
      });
    }
  };
  /** Ingests a flow.created event; answers its workflow once it has started. */
  const ingestEvent = async (ingest: string, id: string) => {
    const answer = await herald.api('POST', '/v1/events', {
      token: ingest,
      body: { id, type: 'flow.created', data: {} },
    });
    const handle = client.workflow.getHandle(answer.body.workflowId);
    await eventually(() => handle.describe());
    return handle;
  };
  try {
    const platform = await createPlatform(herald.api);
    receiver.script('/flaky', [{ status: 500 }]);
    receiver.script('/down', [{ status: 500 }, { status: 500 }]);
    for (const hook of ['/flaky', '/down']) {
      await herald.api('POST', '/v1/event-destinations', {
        token: platform.admin,
        body: { url: receiver.url(hook), events: ['flow.created'] },
      });
    }
    const event = await herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id: 'recorded-1', type: 'flow.created', data: { flowId: 'f1' } },
    });
    const fanout = client.workflow.getHandle(event.body.workflowId);
    // The workflow starts just after the 202, off the response path.
    await eventually(() => fanout.describe());
    await fanout.result();

    const detail = await herald.api('GET', `/v1/events/recorded-1`, { token: platform.admin });
    const failed = detail.body.deliveries.find((d: { status: string }) => d.status === 'failed');
    const redelivery = await herald.api('POST', `/v1/deliveries/${failed.id}/redeliver`, {
      token: platform.admin,
    });
    await client.workflow.getHandle(redelivery.body.workflowId).result();

    await herald.api('POST', '/v1/event-destinations/test', {
      token: platform.admin,
      body: { url: receiver.url('/test') },
    });
    const [testRun] = await eventually(async () => {
      const runs = [];
      for await (const run of client.workflow.list({
        query: `WorkflowType = '${RECORDED_WORKFLOWS.testDelivery}'`,
      })) {
        runs.push(run);
      }
      expect(runs.length).toBeGreaterThan(0);
      return runs;
    });

    // An event whose delivery keeps failing, cancelled in Temporal while it waits to retry.
    receiver.script(
      '/cancelled',
      Array.from({ length: 20 }, () => ({ status: 503 })),
    );
    const other = await createPlatform(herald.api);
    await herald.api('POST', '/v1/event-destinations', {
      token: other.admin,
      body: { url: receiver.url('/cancelled'), events: ['flow.created'] },
    });
    const doomed = await herald.api('POST', '/v1/events', {
      token: other.ingest,
      body: { id: 'recorded-cancelled', type: 'flow.created', data: {} },
    });
    await eventually(() => expect(receiver.requests('/cancelled').length).toBeGreaterThan(0));
    const doomedHandle = client.workflow.getHandle(doomed.body.workflowId);
    await doomedHandle.cancel();
    await doomedHandle.result().catch(() => undefined);

    // A receiver that asks for a later retry with Retry-After.
    receiver.script('/retry-after', [{ status: 429, headers: { 'retry-after': '1' } }]);
    const patient = await createPlatform(herald.api);
    await addDestinations(patient.admin, [receiver.url('/retry-after')]);
    const retriedHandle = await ingestEvent(patient.ingest, 'recorded-retry-after');
    await retriedHandle.result();

    // A fan-out one wider than a workflow holds: two pages, two children.
    const wide = await createPlatform(herald.api);
    for (let n = 0; n <= MAX_DELIVERIES_PER_WORKFLOW; n++) {
      await herald.api('POST', '/v1/event-destinations', {
        token: wide.admin,
        body: { url: receiver.url('/wide'), events: ['flow.created'] },
      });
    }
    const wideEvent = await herald.api('POST', '/v1/events', {
      token: wide.ingest,
      body: { id: 'recorded-wide', type: 'flow.created', data: {} },
    });
    const wideHandle = client.workflow.getHandle(wideEvent.body.workflowId);
    await eventually(() => wideHandle.describe());
    await wideHandle.result();

    // A backfill of two stored events to a destination created after them.
    const late = await createPlatform(herald.api);
    for (const id of ['recorded-backfill-1', 'recorded-backfill-2']) {
      await herald.api('POST', '/v1/events', {
        token: late.ingest,
        body: { id, type: 'flow.created', data: {} },
      });
      const stored = client.workflow.getHandle(`event:${late.id}:${id}`);
      await eventually(() => stored.describe());
      await stored.result();
    }
    const lateDestination = await herald.api('POST', '/v1/event-destinations', {
      token: late.admin,
      body: { url: receiver.url('/late'), events: ['flow.created'] },
    });
    const backfill = await herald.api(
      'POST',
      `/v1/event-destinations/${lateDestination.body.id}/backfill`,
      { token: late.admin, body: { since: new Date(Date.now() - 60 * 60_000).toISOString() } },
    );
    const backfillWorkflowId = `backfill:${backfill.body.id}`;
    await eventually(() => client.workflow.getHandle(backfillWorkflowId).describe());
    await client.workflow.getHandle(backfillWorkflowId).result();

    // HERALD_FIRST_ATTEMPT=outbox: a first attempt answered 503 by the worker, then retried.
    receiver.script('/outbox-retries', [{ status: 503 }]);
    const outboxHerald = await startTestHerald({ env: { HERALD_FIRST_ATTEMPT: 'outbox' } });
    let outboxRetriesId: string;
    try {
      const outboxPlatform = await createPlatform(outboxHerald.api);
      await outboxHerald.api('POST', '/v1/event-destinations', {
        token: outboxPlatform.admin,
        body: { url: receiver.url('/outbox-retries'), events: ['flow.created'] },
      });
      const outboxEvent = await outboxHerald.api('POST', '/v1/events', {
        token: outboxPlatform.ingest,
        body: { id: 'recorded-outbox-retries', type: 'flow.created', data: {} },
      });
      outboxRetriesId = outboxEvent.body.workflowId;
      const outboxHandle = client.workflow.getHandle(outboxRetriesId);
      await eventually(() => outboxHandle.describe());
      await outboxHandle.result();
    } finally {
      await outboxHerald.stop();
    }

    // A fan-out wider than first attempts at once: each delivery an activity.
    const width = Array.from({ length: FIRST_ATTEMPTS_AT_ONCE_MAX + 1 }, (_, n) => n);
    const medium = await createPlatform(herald.api);
    await addDestinations(
      medium.admin,
      width.map((n) => receiver.url(`/medium/${n}`)),
    );
    const mediumHandle = await ingestEvent(medium.ingest, 'recorded-medium');
    await mediumHandle.result();

    // The same width to a host that holds this platform's earlier attempts unanswered: the
    // deliveries wait on one timer, then are asked again. Stopped, the host then refuses them.
    const silentHost = await startTarpit();
    const quiet = await createPlatform(herald.api);
    await addDestinations(
      quiet.admin,
      width.map((n) => silentHost.url(`/held/${n}`)),
    );
    await herald.api('POST', '/v1/events/batch', {
      token: quiet.ingest,
      body: { events: [{ type: 'flow.created', data: {} }] },
    });
    await eventually(() =>
      expect(silentHost.holding()).toBeGreaterThanOrEqual(HANGING_RECEIVERS.silentInFlight),
    );
    await new Promise((resolve) => setTimeout(resolve, HANGING_RECEIVERS.minSilenceMs));
    const putOffHandle = await ingestEvent(quiet.ingest, 'recorded-put-off');
    await eventually(async () => {
      const { events } = await putOffHandle.fetchHistory();
      expect(events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
    });
    await silentHost.stop();
    await putOffHandle.result();

    const recorded: Record<string, string> = {
      backfill: backfillWorkflowId,
      backfillPage: `${backfillWorkflowId}/page/0`,
      fanout: event.body.workflowId,
      redelivery: redelivery.body.workflowId,
      retryAfter: retriedHandle.workflowId,
      wideFanout: wideEvent.body.workflowId,
      childBatch: `${wideEvent.body.workflowId}/batch/0`,
      testDelivery: testRun!.workflowId,
      cancelled: doomed.body.workflowId,
      outboxRetries: outboxRetriesId,
      mediumFanout: mediumHandle.workflowId,
      wideFanoutPutOff: putOffHandle.workflowId,
    };
    const only = process.env.RECORD_ONLY?.split(',');
    for (const [name, workflowId] of Object.entries(recorded)) {
      if (only && !only.includes(name)) continue;
      // The CLI writes the canonical proto-JSON form that the SDK's replayer reads.
      const history = execFileSync(
        requireTestEnv('temporalCli'),
        [
          'workflow',
          'show',
          '--workflow-id',
          workflowId,
          '--address',
          herald.temporalAddress,
          '--output',
          'json',
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), history);
    }
  } finally {
    await connection.close();
    await herald.stop();
    await receiver.stop();
  }
});
