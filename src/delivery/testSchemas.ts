import { z } from 'zod';
import {
  customHeadersSchema,
  destinationUrlSchema,
  eventTypeSchema,
} from '../destinations/schemas';

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
