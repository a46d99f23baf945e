import { eventually } from '../support/eventually';
import { createPlatform, startTestHerald, type TestHerald } from '../support/herald';
import { sampleValue } from '../support/prometheus';
import { startReceiver, type Receiver } from '../support/receiver';

/** API and worker as separate processes would run them: the worker answers on its own port. */
let api: TestHerald;
let worker: TestHerald;
let receiver: Receiver;
/** Both processes guard /metrics with HERALD_METRICS_TOKEN here. */
const METRICS_TOKEN = 'metrics-token-0123456789';
const withToken = { headers: { authorization: `Bearer ${METRICS_TOKEN}` } };

beforeAll(async () => {
  receiver = await startReceiver();
  api = await startTestHerald({ mode: 'api', env: { HERALD_METRICS_TOKEN: METRICS_TOKEN } });
  const shared = ['TEMPORAL_TASK_QUEUE', 'HERALD_SECRET_KEY', 'HERALD_METRICS_TOKEN'] as const;
  worker = await startTestHerald({
    mode: 'worker',
    env: Object.fromEntries(shared.map((name) => [name, api.env[name]!])),
  });
});
afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await receiver?.stop();
});

it('serves /health/live and /metrics from a worker-only process', async () => {
  expect(api.workerStatusUrl).toBeUndefined();
  expect(worker.apiUrl).toBeUndefined();
  const live = await fetch(`${worker.workerStatusUrl}/health/live`);
  expect(live.status).toBe(200);

  const platform = await createPlatform(api.api);
  await api.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/worker-metrics'), events: ['flow.deleted'] },
  });
  await api.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.deleted', data: {} },
  });
  await eventually(async () => {
    const text = await (await fetch(`${worker.workerStatusUrl}/metrics`, withToken)).text();
    expect(sampleValue(text, 'herald_deliveries_total', { outcome: 'succeeded' })).toBe(1);
    expect(sampleValue(text, 'herald_delivery_attempts_total', { status_class: '2xx' })).toBe(1);
  });
  const apiMetrics = await (await fetch(`${api.apiUrl}/metrics`, withToken)).text();
  expect(sampleValue(apiMetrics, 'herald_events_ingested_total', { outcome: 'accepted' })).toBe(1);
  expect(sampleValue(apiMetrics, 'herald_delivery_attempts_total')).toBeUndefined();
});

it('answers 401 problem+json on /metrics without the metrics token, on API and worker', async () => {
  for (const base of [api.apiUrl, worker.workerStatusUrl]) {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }] as Record<
      string,
      string
    >[]) {
      const answer = await fetch(`${base}/metrics`, { headers });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await answer.text()).not.toContain('herald_');
    }
  }
});

it('refuses to start a worker whose status port is taken, naming the variable', async () => {
  const taken = new URL(worker.workerStatusUrl!).port;
  await expect(
    startTestHerald({
      mode: 'worker',
      env: { TEMPORAL_TASK_QUEUE: api.env.TEMPORAL_TASK_QUEUE!, HERALD_WORKER_PORT: taken },
    }),
  ).rejects.toThrow(`HERALD_WORKER_PORT=${taken}`);
});
