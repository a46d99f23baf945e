import { z } from 'zod';
import { eventTypeSchema, projectIdSchema } from '../destinations/schemas';

export const EVENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const containsNul = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, inner]) => key.includes('\u0000') || containsNul(inner),
    );
  }
  return false;
};

export const ingestEventSchema = z.strictObject({
  id: z
    .string()
    .regex(EVENT_ID_PATTERN, 'must be 1–128 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
  type: eventTypeSchema,
  projectId: projectIdSchema.nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  data: z
    .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
    // Postgres jsonb cannot hold \u0000.
    .refine((data) => !containsNul(data), 'must not contain NUL characters'),
});
export type IngestEventInput = z.infer<typeof ingestEventSchema>;
