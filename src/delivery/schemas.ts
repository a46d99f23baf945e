import { z } from 'zod';
import { listQuerySchema } from '../api/pagination';
import {
  customHeadersSchema,
  destinationUrlSchema,
  destinationFormatSchema,
  eventTypeSchema,
} from '../destinations/schemas';
import { DELIVERY_STATUSES } from '../temporal/contracts';

export function testDeliverySchemas(options: { allowHttp: boolean }) {
  return {
    url: z.strictObject({
      url: destinationUrlSchema(options),
      event: eventTypeSchema.default('flow.created'),
      format: destinationFormatSchema.optional(),
      headers: customHeadersSchema.optional(),
    }),
    destination: z.strictObject({
      event: eventTypeSchema.default('flow.created'),
      format: destinationFormatSchema.optional(),
    }),
  };
}

/** POST /v1/event-destinations/:id/recover */
export const timeRangeSchema = z
  .strictObject({
    since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }),
    until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  })
  .refine((body) => !body.until || Date.parse(body.until) > Date.parse(body.since), {
    path: ['until'],
    message: 'must be after since',
  });

export const deliveryListQuerySchema = listQuerySchema.extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
});

/**
 * `Idempotency-Key` on redeliver: the same key for the same delivery starts one series, however
 * often the call is retried (its workflow id is built from it).
 */
export const redeliverHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
});
