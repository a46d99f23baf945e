import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openApiDocument } from '../../src/api/openapi';

/** DESIGN §4, route by route, with the success status each answers. */
const DESIGN_ROUTES = [
  ['get', '/health/live', 200],
  ['get', '/health/ready', 200],
  ['get', '/metrics', 200],
  ['get', '/openapi.json', 200],
  ['get', '/v1/event-types', 200],
  ['get', '/v1/destination-presets', 200],
  ['post', '/v1/platforms', 201],
  ['patch', '/v1/platforms/{id}', 200],
  ['post', '/v1/platforms/{id}/api-keys', 201],
  ['delete', '/v1/platforms/{id}/api-keys/{keyId}', 204],
  ['post', '/v1/event-destinations', 201],
  ['get', '/v1/event-destinations', 200],
  ['get', '/v1/event-destinations/{id}', 200],
  ['patch', '/v1/event-destinations/{id}', 200],
  ['delete', '/v1/event-destinations/{id}', 204],
  ['get', '/v1/event-destinations/{id}/secret', 200],
  ['post', '/v1/event-destinations/{id}/secret/rotate', 200],
  ['post', '/v1/event-destinations/filter/test', 200],
  ['post', '/v1/event-destinations/{id}/backfill', 202],
  ['get', '/v1/backfills/{id}', 200],
  // Beyond DESIGN §4 (additive, said in issue 16's note): the admin page lists a destination's.
  ['get', '/v1/event-destinations/{id}/backfills', 200],
  ['post', '/v1/backfills/{id}/cancel', 200],
  ['post', '/v1/event-destinations/test', 200],
  ['post', '/v1/event-destinations/{id}/test', 200],
  ['post', '/v1/events', 202],
  ['post', '/v1/events/batch', 200],
  ['get', '/v1/events/{id}', 200],
  ['get', '/v1/event-destinations/{id}/deliveries', 200],
  ['get', '/v1/deliveries/{id}', 200],
  ['post', '/v1/deliveries/{id}/redeliver', 202],
  ['post', '/v1/event-destinations/{id}/recover', 202],
] as const;

/** The statuses DESIGN §4 lists, and the route that must declare each. */
const DESIGN_STATUSES = [
  [400, 'post', '/v1/event-destinations'],
  [401, 'get', '/v1/event-types'],
  [403, 'post', '/v1/events'],
  [404, 'get', '/v1/deliveries/{id}'],
  [409, 'post', '/v1/deliveries/{id}/redeliver'],
  [413, 'post', '/v1/events'],
  [415, 'post', '/v1/events'],
  [429, 'post', '/v1/events'],
  [503, 'post', '/v1/events'],
  [503, 'get', '/health/ready'],
  [200, 'post', '/v1/events'],
] as const;

interface DocumentedOperation {
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: unknown[];
}
const paths = openApiDocument.paths as Record<string, Record<string, DocumentedOperation>>;
const documented = Object.entries(paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
);

it('is a valid OpenAPI 3.1 document', () => {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../../scripts/validate-openapi.ts')],
    { encoding: 'utf8' },
  );
  expect(output).toContain('valid OpenAPI 3.1 document');
});

it('documents every route of DESIGN §4, and no other', () => {
  expect(documented.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
    DESIGN_ROUTES.map(([method, path]) => `${method} ${path}`).sort(),
  );
});

it.each(DESIGN_ROUTES)('%s %s declares its success status %d', (method, path, success) => {
  expect(Object.keys(paths[path]![method]!.responses)).toContain(String(success));
});

it.each(DESIGN_STATUSES)('declares %d on %s %s', (status, method, path) => {
  expect(Object.keys(paths[path]![method]!.responses)).toContain(String(status));
});

it('describes every error as a problem and every JSON success body with a schema', () => {
  for (const { method, path, operation } of documented) {
    for (const [status, response] of Object.entries(operation.responses)) {
      const where = `${method} ${path} ${status}`;
      if (Number(status) >= 400) {
        expect([where, response.content?.['application/problem+json']?.schema]).toEqual([
          where,
          { $ref: '#/components/schemas/Problem' },
        ]);
      } else if (status !== '204' && !['/metrics', '/openapi.json'].includes(path)) {
        expect([where, response.content?.['application/json']?.schema?.type]).toEqual([
          where,
          'object',
        ]);
      }
    }
  }
});

it('needs a key everywhere except health, metrics and the document itself', () => {
  const open = documented.filter(({ operation }) => operation.security?.length === 0);
  expect(open.map(({ path }) => path).sort()).toEqual(
    ['/health/live', '/health/ready', '/metrics', '/openapi.json'].sort(),
  );
});
