import {
  createPlatform,
  startTestHerald,
  testEnvironment,
  type TestHerald,
} from '../support/herald';
import { eventually } from '../support/eventually';
import { spawnHerald } from '../support/process';
import { startReceiver, type Receiver } from '../support/receiver';

let api: TestHerald;
let receiver: Receiver;
const env = testEnvironment({ LOG_LEVEL: 'warn' });

beforeAll(async () => {
  [api, receiver] = await Promise.all([startTestHerald({ env, mode: 'api' }), startReceiver()]);
});
afterAll(async () => {
  await api.stop();
  await receiver.stop();
});

it('delivers everything after the worker is killed with SIGKILL mid-retry and restarted', async () => {
  const platform = await createPlatform(api.api);
  receiver.script('/crash', [{ status: 500 }, { status: 500 }, { status: 500 }]);
  const destination = await api.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: receiver.url('/crash'), events: ['flow.created'] },
  });
  const firstWorker = spawnHerald('worker', env);
  try {
    const accepted = await api.api('POST', '/v1/events', {
      token: platform.ingest,
      body: { id: 'crash-1', type: 'flow.created', data: {} },
    });
    expect(accepted.status).toBe(202);
    await eventually(
      () => expect(receiver.requests('/crash').length).toBeGreaterThanOrEqual(1),
      60_000,
    );
  } finally {
    expect(await firstWorker.kill('SIGKILL')).toBeNull();
  }

  const secondWorker = spawnHerald('worker', env);
  try {
    await eventually(async () => {
      const list = await api.api(
        'GET',
        `/v1/event-destinations/${destination.body.id}/deliveries`,
        {
          token: platform.admin,
        },
      );
      expect(list.body.data[0]?.status).toBe('succeeded');
    }, 90_000);
  } catch (error) {
    throw new Error(`${String(error)}\nworker output:\n${secondWorker.output()}`, { cause: error });
  } finally {
    // SIGTERM is a graceful stop: drain, then exit 0.
    expect(await secondWorker.kill('SIGTERM')).toBe(0);
  }
  const requests = receiver.requests('/crash');
  expect(requests.length).toBeGreaterThanOrEqual(4);
  expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set(['crash-1']));
});
