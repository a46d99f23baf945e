/**
 * client/README.md's example, as a function the integration test runs against a real Herald:
 * ingest one event and a batch, create a destination, read its deliveries.
 */
import { createHeraldClient } from './src';

export async function runExample(
  baseUrl: string,
  keys: { admin: string; ingest: string },
  destinationUrl = 'https://hooks.example.com/herald',
) {
  const platform = createHeraldClient({ baseUrl, token: keys.ingest });
  const admin = createHeraldClient({ baseUrl, token: keys.admin });

  const { data: destination, error } = await admin.POST('/v1/event-destinations', {
    body: {
      url: destinationUrl,
      events: ['flow.run.finished'],
      filter: { 'data.flowRun.status': { $in: ['FAILED', 'TIMEOUT'] } },
    },
  });
  if (error) throw new Error(`destination refused: ${error.detail}`);

  const { data: one } = await platform.POST('/v1/events', {
    body: { id: 'run-42', type: 'flow.run.finished', data: { flowRun: { status: 'FAILED' } } },
  });
  const { data: batch } = await platform.POST('/v1/events/batch', {
    body: {
      events: [
        { type: 'flow.created', data: { flowId: 'f1' } },
        { type: 'user.signed.in', data: { user: { id: 'u1' } } },
      ],
    },
  });

  const { data: deliveries } = await admin.GET('/v1/event-destinations/{id}/deliveries', {
    params: { path: { id: destination.id }, query: { limit: 10 } },
  });
  return { destination, one, batch, deliveries };
}
