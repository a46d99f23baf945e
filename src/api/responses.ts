import { ATTEMPT_ERROR_CODES } from '../delivery/classify';
import { destinationFormatSchema } from '../destinations/schemas';
import { z } from 'zod';
import { EVENT_CATALOG, EVENT_TYPES } from '../events/catalog';
import { BACKFILL_STATUSES, DELIVERY_STATUSES } from '../temporal/contracts';

/**
 * What the API answers, as zod schemas: /openapi.json documents them, and the contract test
 * parses real answers with them, so the document cannot drift from the code.
 */
const timestamp = z.iso.datetime({ offset: true });
const eventType = z.enum(EVENT_TYPES);

function page<T extends z.ZodType>(item: T) {
  return z.strictObject({
    data: z.array(item),
    next: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last'),
  });
}

export const problemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

const health = z.strictObject({
  status: z.enum(['ok', 'unavailable']),
  checks: z
    .strictObject({
      postgres: z.enum(['ok', 'unavailable']),
      temporal: z.enum(['ok', 'unavailable']),
    })
    .optional(),
});

const destinationPresets = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      format: destinationFormatSchema,
      urlTemplate: z.string().describe('The endpoint, with {placeholders} for the admin to fill'),
      headers: z.array(
        z.strictObject({
          name: z.string(),
          valueTemplate: z.string(),
          secret: z.boolean().describe('A credential: typed by the admin, stored sealed'),
        }),
      ),
      docsUrl: z.string(),
    }),
  ),
});

const eventTypes = z.strictObject({
  data: z.array(
    z.strictObject({
      name: eventType,
      group: z.enum([...new Set(EVENT_CATALOG.map((entry) => entry.group))] as [string]),
      description: z.string(),
      dataSchema: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('A JSON Schema of data, where its shape is known'),
    }),
  ),
});

const platform = z.strictObject({
  id: z.string(),
  name: z.string(),
  eventStreamingEnabled: z.boolean(),
  createdAt: timestamp,
});

const createdPlatform = z.strictObject({
  platform,
  apiKeys: z
    .strictObject({ admin: z.string(), ingest: z.string() })
    .describe('Shown once; Herald keeps only their hashes'),
});

const issuedApiKey = z.strictObject({
  id: z.string(),
  role: z.enum(['admin', 'ingest']),
  key: z.string().describe('Shown once'),
});

const destination = z.strictObject({
  id: z.string(),
  platformId: z.string(),
  projectId: z.string().nullable(),
  url: z.string(),
  events: z.array(eventType),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: timestamp.nullable(),
  description: z.string().nullable(),
  headers: z.record(z.string(), z.string()).describe('Values masked as ********'),
  format: destinationFormatSchema.describe('How the body is shaped (DESIGN §5)'),
  filter: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Conditions an event must meet (JSON operators), or null'),
  redact: z.array(z.string()).describe('Dotted paths removed before sending'),
  createdAt: timestamp,
  updatedAt: timestamp,
});

const signingSecret = z.strictObject({ signingSecret: z.string().startsWith('whsec_') });

const attemptErrorCode = z
  .enum(ATTEMPT_ERROR_CODES)
  .describe(
    'Why it did not succeed: blocked (SSRF or URL rule), timeout, tls, connection, or http-status (a non-2xx answer)',
  );

const testDeliveryResult = z.strictObject({
  ok: z.boolean(),
  status: z.number().int().optional(),
  durationMs: z.number(),
  error: z.string().optional(),
  errorCode: attemptErrorCode.optional(),
  renderedBody: z.string(),
});

const filterTestResult = z.strictObject({ matches: z.boolean() });

const backfill = z.strictObject({
  id: z.string(),
  destinationId: z.string(),
  status: z.enum(BACKFILL_STATUSES),
  total: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  since: timestamp,
  until: timestamp,
  createdAt: timestamp,
  temporal: z.strictObject({ workflowId: z.string(), uiUrl: z.string().nullable() }),
});

const deliveryStatus = z.enum(DELIVERY_STATUSES);

const deliverySummary = z.strictObject({
  id: z.string(),
  eventId: z.string(),
  destinationId: z.string(),
  status: deliveryStatus,
  statusReason: z
    .string()
    .nullable()
    .describe('Why it ended as it did, when no attempt says so (cancelled, policy ran out)'),
  attemptCount: z.number().int(),
  lastAttemptAt: timestamp.nullable(),
  createdAt: timestamp,
});

const delivery = deliverySummary.extend({
  attempts: z.array(
    z.strictObject({
      attempt: z.number().int(),
      startedAt: timestamp,
      durationMs: z.number().int(),
      statusCode: z.number().int().optional(),
      error: z.string().optional(),
      errorCode: attemptErrorCode.optional(),
      responseBody: z.string().optional().describe('The first 4 KiB of the answer'),
    }),
  ),
  temporal: z.strictObject({ workflowId: z.string(), uiUrl: z.string().nullable() }),
});

const ingested = z.strictObject({
  id: z.string(),
  workflowId: z.string(),
  duplicate: z.boolean(),
});

const fieldErrors = z.array(z.strictObject({ path: z.string(), message: z.string() }));

const ingestedBatch = z.strictObject({
  results: z.array(
    z.union([
      z.strictObject({
        index: z.number().int(),
        id: z.string(),
        status: z.enum(['accepted', 'duplicate']),
      }),
      z.strictObject({
        index: z.number().int(),
        id: z.string().nullable(),
        status: z.literal('invalid'),
        errors: fieldErrors,
      }),
    ]),
  ),
});

const event = z.strictObject({
  id: z.string(),
  type: eventType,
  projectId: z.string().nullable(),
  occurredAt: timestamp,
  receivedAt: timestamp,
  workflowId: z.string(),
  deliveries: z.array(deliverySummary),
});

export const responses = {
  health,
  eventTypes,
  destinationPresets,
  platform,
  createdPlatform,
  issuedApiKey,
  destination,
  destinationPage: page(destination),
  signingSecret,
  testDeliveryResult,
  filterTestResult,
  deliveryPage: page(deliverySummary),
  delivery,
  redelivery: z.strictObject({ id: z.string(), workflowId: z.string() }),
  recovered: z.strictObject({ count: z.number().int() }),
  backfillStarted: z.strictObject({ id: z.string(), total: z.number().int() }),
  backfill,
  backfillList: z.strictObject({ data: z.array(backfill) }),
  ingested,
  ingestedBatch,
  event,
} as const;
