import { z } from 'zod';
import { listQuerySchema } from '../api/pagination';
import {
  customHeadersSchema,
  destinationUrlSchema,
  eventTypeSchema,
} from '../destinations/schemas';
import { DELIVERY_STATUSES } from '../temporal/contracts';

export function testDeliverySchemas(options: { allowHttp: boolean }) {
  return {
    url: z.strictObject({
      url: destinationUrlSchema(options),
      event: eventTypeSchema.default('flow.created'),
      headers: customHeadersSchema.optional(),
    }),
    destination: z.strictObject({ event: eventTypeSchema.default('flow.created') }),
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
