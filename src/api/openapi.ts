import { z } from 'zod';
import { deliveryListQuerySchema, recoverSchema, testDeliverySchemas } from '../delivery/schemas';
import { destinationSchemas } from '../destinations/schemas';
import { ingestEventSchema } from '../events/schemas';
import {
  createApiKeySchema,
  createPlatformSchema,
  updatePlatformSchema,
} from '../platforms/schemas';
import { HERALD_VERSION } from '../version';
import { listQuerySchema } from './pagination';

/** GET /openapi.json: OpenAPI 3.1, request bodies generated from the zod schemas that parse them. */
type Role = 'root' | 'admin' | 'ingest' | 'anyKey' | 'none';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  role: Role;
  body?: z.ZodType;
  query?: z.ZodType;
  success: number;
}

const destinations = destinationSchemas({ allowHttp: false });
const tests = testDeliverySchemas({ allowHttp: false });

const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health/live', summary: 'Liveness', role: 'none', success: 200 },
  {
    method: 'get',
    path: '/health/ready',
    summary: 'Readiness (Postgres and Temporal)',
    role: 'none',
    success: 200,
  },
  {
    method: 'get',
    path: '/v1/event-types',
    summary: 'The event catalog',
    role: 'anyKey',
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/platforms',
    summary: 'Create a platform and its keys',
    role: 'root',
    body: createPlatformSchema,
    success: 201,
  },
  {
    method: 'patch',
    path: '/v1/platforms/{id}',
    summary: 'Update a platform',
    role: 'root',
    body: updatePlatformSchema,
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/platforms/{id}/api-keys',
    summary: 'Issue an API key',
    role: 'root',
    body: createApiKeySchema,
    success: 201,
  },
  {
    method: 'delete',
    path: '/v1/platforms/{id}/api-keys/{keyId}',
    summary: 'Revoke an API key',
    role: 'root',
    success: 204,
  },
  {
    method: 'post',
    path: '/v1/event-destinations',
    summary: 'Create a destination',
    role: 'admin',
    body: destinations.create,
    success: 201,
  },
  {
    method: 'get',
    path: '/v1/event-destinations',
    summary: 'List destinations',
    role: 'admin',
    query: listQuerySchema,
    success: 200,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}',
    summary: 'Read a destination',
    role: 'admin',
    success: 200,
  },
  {
    method: 'patch',
    path: '/v1/event-destinations/{id}',
    summary: 'Update a destination',
    role: 'admin',
    body: destinations.update,
    success: 200,
  },
  {
    method: 'delete',
    path: '/v1/event-destinations/{id}',
    summary: 'Delete a destination; its pending retries stop',
    role: 'admin',
    success: 204,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}/secret',
    summary: 'Read the signing secret',
    role: 'admin',
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/secret/rotate',
    summary: 'Rotate the signing secret (24 h overlap)',
    role: 'admin',
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/test',
    summary: 'Test delivery to a URL',
    role: 'admin',
    body: tests.url,
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/test',
    summary: 'Test delivery to a destination',
    role: 'admin',
    body: tests.destination,
    success: 200,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}/deliveries',
    summary: "A destination's deliveries",
    role: 'admin',
    query: deliveryListQuerySchema,
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/recover',
    summary: 'Replay failed deliveries in a time range',
    role: 'admin',
    body: recoverSchema,
    success: 202,
  },
  {
    method: 'post',
    path: '/v1/events',
    summary: 'Ingest an event (202 = durable)',
    role: 'ingest',
    body: ingestEventSchema,
    success: 202,
  },
  {
    method: 'get',
    path: '/v1/events/{id}',
    summary: 'An event and its deliveries',
    role: 'admin',
    success: 200,
  },
  {
    method: 'get',
    path: '/v1/deliveries/{id}',
    summary: 'A delivery and its attempts',
    role: 'admin',
    success: 200,
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/redeliver',
    summary: 'A fresh series of attempts',
    role: 'admin',
    success: 202,
  },
];

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return rest;
}

function queryParameters(schema: z.ZodType) {
  const properties = (jsonSchema(schema).properties ?? {}) as Record<string, unknown>;
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: 'query',
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

const problem = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

function operationObject(operation: Operation) {
  return {
    summary: operation.summary,
    ...(operation.role === 'none'
      ? { security: [] }
      : { description: `Needs a ${operation.role} key.` }),
    parameters: [
      ...pathParameters(operation.path),
      ...(operation.query ? queryParameters(operation.query) : []),
    ],
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(operation.body) } },
          },
        }
      : {}),
    responses: {
      [operation.success]: { description: 'Success' },
      '4XX': { description: 'A client error (RFC 9457 problem)', ...problem },
      '503': {
        description: 'Postgres or Temporal unavailable; retry after Retry-After',
        ...problem,
      },
    },
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
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { path: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  paths: OPERATIONS.reduce<Record<string, Record<string, unknown>>>((paths, operation) => {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method]: operationObject(operation),
    };
    return paths;
  }, {}),
};
