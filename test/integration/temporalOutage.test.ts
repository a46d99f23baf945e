import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../src/runtime/ports';
import { startDevServer, type DevServer } from '../../src/temporal/devServer';
import { requireTestEnv } from '../support/environment';
import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { sampleValue } from '../support/prometheus';
import { startReceiver, type Receiver } from '../support/receiver';

let receiver: Receiver;
let herald: TestHerald;
let temporal: DevServer;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'herald-outage-'));
let port: number;

const startTemporal = () =>
  startDevServer({
    cliPath: requireTestEnv('temporalCli'),
    dataDir,
    port,
    namespace: 'default',
    readyTimeoutMs: 120_000,
  });

beforeAll(async () => {
  port = await findFreePort();
  [temporal, receiver] = await Promise.all([startTemporal(), startReceiver()]);
  herald = await startTestHerald({ env: { TEMPORAL_ADDRESS: temporal.address } });
});
afterAll(async () => {
  await herald.stop();
  await temporal.stop();
  await receiver.stop();
});

it('keeps events accepted while Temporal is down and delivers them once it is back', async () => {
  const platform = await createPlatform(herald.api);
  await herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/outage'), events: ['flow.created'] },
  });
  await temporal.stop();

  const ingest = (id: string) =>
    herald.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id, type: 'flow.created', data: { id } },
    });
  const refused = await ingest('outage-retried');
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(refused.body.type).toMatch(/unavailable$/);
  expect((await ingest('outage-swept')).status).toBe(503);
  // Both events are stored, waiting for their workflow.
  const stored = await herald.api('GET', '/v1/events/outage-swept', { token: platform.admin });
  expect(stored.status).toBe(200);
  expect((await herald.api('GET', '/health/ready')).status).toBe(503);
  const metrics = (await herald.api('GET', '/metrics')).body as string;
  const refusedIngest = { type: 'flow.created', outcome: 'unavailable' };
  expect(sampleValue(metrics, 'herald_events_ingested_total', refusedIngest)).toBe(2);
  const failedStarts = { method: 'StartWorkflowExecution' };
  expect(sampleValue(metrics, 'herald_temporal_client_errors_total', failedStarts)).toBe(2);

  temporal = await startTemporal();
  // The client retries with the same id: that starts its workflow.
  await eventually(async () => expect((await ingest('outage-retried')).status).toBe(200), 30_000);
  // Nobody retries the other one: the background sweep starts it.
  await eventually(() => {
    const ids = receiver.requests('/outage').map((request) => request.headers['webhook-id']);
    expect(new Set(ids)).toEqual(new Set(['outage-retried', 'outage-swept']));
  }, 60_000);
});
