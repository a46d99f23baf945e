import { z } from 'zod';
import { HERALD_VERSION } from '../version';
import { OPERATIONS, type Operation } from './operations';
import { problemResponse } from './responses';

/** GET /openapi.json: OpenAPI 3.1, generated from the zod schemas that parse and describe the API. */

const STATUS_MEANINGS: Record<number, string> = {
  200: 'Success',
  201: 'Created',
  202: 'Accepted',
  204: 'Done; no body',
  400: 'Invalid input: `errors` names each field that is wrong',
  401: 'No key, or a key Herald does not know',
  403: 'The key may not do this, or event streaming is disabled for the platform',
  404: 'No such object for this platform',
  409: 'Conflicts with the current state (a delivery whose retries are still running, a platform at its destination quota)',
  413: 'The body is over 256 KiB',
  415: 'The body is not JSON',
  429: 'Rate limited; retry after Retry-After',
  503: 'Postgres or Temporal unavailable; retry after Retry-After',
};

/**
 * The statuses an operation can answer, from its shape: a key means 401/403/429 and a database
 * read (503); a body means 400/413/415; a path id means 404, or 400 when it cannot be decoded.
 */
export function statusesOf(operation: Operation): number[] {
  const statuses = new Set([operation.success, ...(operation.alsoAnswers ?? [])]);
  const add = (...more: number[]) => more.forEach((status) => statuses.add(status));
  if (operation.role !== 'none') add(401, 403, 429, 503);
  if (operation.body || operation.query || operation.headers) add(400);
  // express.json reads a body sent to any non-GET route, so those can answer 400/413/415.
  if (operation.body || operation.method !== 'get') add(400, 413, 415);
  if (operation.path.includes('{')) add(400, 404);
  return [...statuses].sort((a, b) => a - b);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

function parameters(schema: z.ZodType, where: 'query' | 'header') {
  const properties = (jsonSchema(schema, 'input').properties ?? {}) as Record<string, unknown>;
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: where,
    schema: propertySchema,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function responseObject(operation: Operation, status: number) {
  const description = STATUS_MEANINGS[status] ?? 'See the summary';
  if (status >= 400) {
    return {
      description,
      content: {
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      },
      ...(status === 429 || status === 503
        ? { headers: { 'Retry-After': { schema: { type: 'integer' } } } }
        : {}),
    };
  }
  if (operation.response === undefined) return { description };
  return {
    description,
    content: { 'application/json': { schema: jsonSchema(operation.response, 'output') } },
  };
}

function operationObject(operation: Operation) {
  const keyNeeded = {
    none: undefined,
    anyKey: 'Any platform API key.',
    admin: 'A platform key with the admin role.',
    ingest: 'A platform key with the ingest role.',
    root: 'The operator root token (HERALD_ROOT_TOKEN).',
  }[operation.role];
  return {
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(keyNeeded ? { description: keyNeeded } : { security: [] }),
    parameters: [
      ...pathParameters(operation.path),
      ...(operation.query ? parameters(operation.query, 'query') : []),
      ...(operation.headers ? parameters(operation.headers, 'header') : []),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(operation.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      statusesOf(operation).map((status) => [String(status), responseObject(operation, status)]),
    ),
  };
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Herald',
    version: HERALD_VERSION,
    description: 'Durable, signed event streaming to webhooks.',
  },
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: { Problem: jsonSchema(problemResponse, 'output') },
  },
  paths: OPERATIONS.reduce<Record<string, Record<string, unknown>>>((paths, operation) => {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation),
    };
    return paths;
  }, {}),
};
