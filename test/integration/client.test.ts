import { runExample } from '../../client/example';
import { createHeraldClient } from '../../client/src';
import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

/** The typed client (client/), its README example run against a real Herald. */
const ctx = useHeraldWithReceiver();

it('runs the README example: one event, a batch, a destination, its deliveries', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const result = await runExample(ctx.herald.apiUrl!, platform, ctx.receiver.url('/client'));
  expect(result.destination.events).toEqual(['flow.run.finished']);
  expect(result.one).toMatchObject({ id: 'run-42', duplicate: false });
  expect(result.batch?.results.map((item) => item.status)).toEqual(['accepted', 'accepted']);
  expect(result.deliveries?.data).toBeDefined();
  await eventually(() => expect(ctx.receiver.requests('/client')).toHaveLength(1));
  const admin = createHeraldClient({ baseUrl: ctx.herald.apiUrl!, token: platform.admin });
  const { data } = await admin.GET('/v1/event-destinations/{id}/deliveries', {
    params: { path: { id: result.destination.id } },
  });
  expect(data?.data.map((delivery) => delivery.eventId)).toEqual(['run-42']);
});

it('answers a refused call as a typed problem', async () => {
  const platform = await createPlatform(ctx.herald.api);
  const admin = createHeraldClient({ baseUrl: ctx.herald.apiUrl!, token: platform.admin });
  const { error, response } = await admin.POST('/v1/event-destinations', {
    body: { url: 'http://insecure.example.com', events: ['flow.created'] },
  });
  expect(response.status).toBe(400);
  expect(error?.errors?.[0]?.path).toBe('url');
});
