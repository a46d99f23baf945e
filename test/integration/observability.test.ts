import { eventually } from '../support/eventually';
import { createPlatform, useHeraldWithReceiver } from '../support/herald';

const ctx = useHeraldWithReceiver();

it('serves an OpenAPI 3.1 document whose request bodies come from the zod schemas', async () => {
  const answer = await ctx.herald.api('GET', '/openapi.json');
  expect(answer.status).toBe(200);
  expect(answer.body.openapi).toBe('3.1.0');
  expect(Object.keys(answer.body.paths)).toEqual(
    expect.arrayContaining([
      '/v1/events',
      '/v1/event-destinations/{id}/recover',
      '/v1/deliveries/{id}/redeliver',
    ]),
  );
  const create =
    answer.body.paths['/v1/event-destinations'].post.requestBody.content['application/json'].schema;
  expect(create.required).toEqual(['url', 'events']);
  expect(create.properties.events.items.enum).toContain('flow.created');
  expect(create.additionalProperties).toBe(false);
  const list = answer.body.paths['/v1/event-destinations/{id}/deliveries'].get.parameters.map(
    (parameter: { name: string }) => parameter.name,
  );
  expect(list).toEqual(['id', 'limit', 'cursor', 'status']);
});

it('exports Prometheus metrics for requests, ingests and delivery attempts', async () => {
  const platform = await createPlatform(ctx.herald.api);
  await ctx.herald.api('POST', '/v1/event-destinations', {
    token: platform.admin,
    body: { url: ctx.receiver.url('/metrics'), events: ['flow.created'] },
  });
  await ctx.herald.api('POST', '/v1/events', {
    token: platform.ingest,
    body: { type: 'flow.created', data: {} },
  });
  await eventually(() => expect(ctx.receiver.requests('/metrics')).toHaveLength(1));
  const metrics = await eventually(async () => {
    const answer = await ctx.herald.api('GET', '/metrics');
    expect(answer.body).toMatch(/herald_delivery_attempts_total\{outcome="succeeded"\} [1-9]/);
    return answer;
  });
  expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(metrics.body).toMatch(/herald_events_ingested_total\{duplicate="false"\} [1-9]/);
  expect(metrics.body).toMatch(
    /herald_http_requests_total\{method="POST",route="\/v1\/event-destinations\/",status="201"\} [1-9]/,
  );
  expect(metrics.body).toContain('herald_delivery_attempt_duration_seconds_bucket');
  expect(metrics.body).toContain('herald_process_cpu_seconds_total');
});
