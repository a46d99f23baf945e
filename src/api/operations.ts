import type { z } from 'zod';
import {
  deliveryListQuerySchema,
  redeliverHeadersSchema,
  timeRangeSchema,
  testDeliverySchemas,
} from '../delivery/schemas';
import { destinationSchemas, filterTestSchema } from '../destinations/schemas';
import { ingestBatchSchema, ingestEventSchema } from '../events/schemas';
import {
  createApiKeySchema,
  createPlatformSchema,
  updatePlatformSchema,
} from '../platforms/schemas';
import { listQuerySchema } from './pagination';
import { responses } from './responses';

/** Who may call an operation (DESIGN §4); `none` needs no key. */
export type Role = 'root' | 'admin' | 'ingest' | 'anyKey' | 'none';

/** One route of the public API: what it takes and answers, for /openapi.json. */
export interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** What a client must know beyond the summary and the schemas. */
  description?: string;
  role: Role;
  success: number;
  body?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  response?: z.ZodType;
  /** Statuses particular to this operation, beyond those its shape implies. */
  alsoAnswers?: number[];
}

const destinations = destinationSchemas({ allowHttp: false });
const tests = testDeliverySchemas({ allowHttp: false });

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/health/live',
    summary: 'Liveness',
    role: 'none',
    success: 200,
    response: responses.health,
  },
  {
    method: 'get',
    path: '/health/ready',
    summary: 'Readiness: Postgres and Temporal answer',
    role: 'none',
    success: 200,
    response: responses.health,
    alsoAnswers: [503],
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text format); needs the metrics token when one is set',
    role: 'none',
    success: 200,
    alsoAnswers: [401],
  },
  { method: 'get', path: '/openapi.json', summary: 'This document', role: 'none', success: 200 },
  {
    method: 'get',
    path: '/v1/event-types',
    summary: 'The event catalog',
    description:
      'Group `herald` holds Herald’s operational events: `herald.destination.disabled` (data: destinationId, url without its query, reason) and `herald.delivery.failed` (data: deliveryId, eventId, eventType, destinationId, attempts, lastError). Destinations subscribe to them like any type; none is sent to the destination it is about, and a failed delivery of one raises no further event.',
    role: 'anyKey',
    success: 200,
    response: responses.eventTypes,
  },
  {
    method: 'get',
    path: '/v1/destination-presets',
    summary: 'Observability and SIEM back ends: format, URL template and header names for each',
    role: 'anyKey',
    success: 200,
    response: responses.destinationPresets,
  },
  {
    method: 'post',
    path: '/v1/platforms',
    summary: 'Create a platform and its two keys',
    role: 'root',
    success: 201,
    body: createPlatformSchema,
    response: responses.createdPlatform,
  },
  {
    method: 'patch',
    path: '/v1/platforms/{id}',
    summary: 'Update a platform',
    role: 'root',
    success: 200,
    body: updatePlatformSchema,
    response: responses.platform,
  },
  {
    method: 'post',
    path: '/v1/platforms/{id}/api-keys',
    summary: 'Issue an API key',
    role: 'root',
    success: 201,
    body: createApiKeySchema,
    response: responses.issuedApiKey,
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
    summary:
      'Create a destination (its signing secret is in the answer); 409 quota-exceeded past HERALD_MAX_DESTINATIONS',
    role: 'admin',
    success: 201,
    body: destinations.create,
    response: responses.destination.extend(responses.signingSecret.shape),
    alsoAnswers: [409],
  },
  {
    method: 'get',
    path: '/v1/event-destinations',
    summary: 'List destinations',
    role: 'admin',
    success: 200,
    query: listQuerySchema,
    response: responses.destinationPage,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}',
    summary: 'Read a destination',
    role: 'admin',
    success: 200,
    response: responses.destination,
  },
  {
    method: 'patch',
    path: '/v1/event-destinations/{id}',
    summary: 'Update a destination',
    role: 'admin',
    success: 200,
    body: destinations.update,
    response: responses.destination,
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
    response: responses.signingSecret,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/secret/rotate',
    summary: 'Rotate the signing secret (the old one signs too for 24 h)',
    role: 'admin',
    success: 200,
    response: responses.signingSecret,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/filter/test',
    summary: 'Whether an event envelope meets a filter',
    role: 'admin',
    success: 200,
    body: filterTestSchema,
    response: responses.filterTestResult,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/test',
    summary: 'Send a sample event to a URL, once',
    role: 'admin',
    success: 200,
    body: tests.url,
    response: responses.testDeliveryResult,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/test',
    summary: 'Send a sample event to a destination, signed, once',
    role: 'admin',
    success: 200,
    body: tests.destination,
    response: responses.testDeliveryResult,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}/deliveries',
    summary: "A destination's deliveries",
    role: 'admin',
    success: 200,
    query: deliveryListQuerySchema,
    response: responses.deliveryPage,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/recover',
    summary: 'A fresh series for every failed delivery in a time range',
    role: 'admin',
    success: 202,
    body: timeRangeSchema,
    response: responses.recovered,
  },
  {
    method: 'post',
    path: '/v1/event-destinations/{id}/backfill',
    summary: 'Send the destination the stored events it never got, oldest first',
    role: 'admin',
    success: 202,
    body: timeRangeSchema,
    response: responses.backfillStarted,
  },
  {
    method: 'get',
    path: '/v1/event-destinations/{id}/backfills',
    summary: "A destination's 20 latest backfills, newest first",
    role: 'admin',
    success: 200,
    response: responses.backfillList,
  },
  {
    method: 'get',
    path: '/v1/backfills/{id}',
    summary: 'A backfill and its progress',
    role: 'admin',
    success: 200,
    response: responses.backfill,
  },
  {
    method: 'post',
    path: '/v1/backfills/{id}/cancel',
    summary: 'Stop a backfill',
    role: 'admin',
    success: 200,
    response: responses.backfill,
  },
  {
    method: 'post',
    path: '/v1/events',
    summary: 'Ingest an event: 202 means durable, 200 a duplicate id',
    description:
      'Any type of GET /v1/event-types except group `herald`: Herald emits those itself (400).',
    role: 'ingest',
    success: 202,
    body: ingestEventSchema,
    response: responses.ingested,
    alsoAnswers: [200],
  },
  {
    method: 'post',
    path: '/v1/events/batch',
    summary: 'Ingest up to 100 events in one transaction; each item answers for itself',
    role: 'ingest',
    success: 200,
    body: ingestBatchSchema,
    response: responses.ingestedBatch,
  },
  {
    method: 'get',
    path: '/v1/events/{id}',
    summary: 'An event and its deliveries',
    role: 'admin',
    success: 200,
    response: responses.event,
  },
  {
    method: 'get',
    path: '/v1/deliveries/{id}',
    summary: 'A delivery and its attempts',
    role: 'admin',
    success: 200,
    response: responses.delivery,
  },
  {
    method: 'post',
    path: '/v1/deliveries/{id}/redeliver',
    summary: 'A fresh series of attempts for one delivery',
    role: 'admin',
    success: 202,
    headers: redeliverHeadersSchema,
    response: responses.redelivery,
    alsoAnswers: [409],
  },
];
