import { z } from 'zod';
import { eventTypeSchema, projectIdSchema } from '../destinations/schemas';
import { dataProblem } from './payloadRules';
import { isOperationalType } from './operational';

export const EVENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export const ingestEventSchema = z.strictObject({
  id: z
    .string()
    .regex(EVENT_ID_PATTERN, 'must be 1–128 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
  type: eventTypeSchema.refine((type) => !isOperationalType(type), {
    error: 'is one of Herald’s own operational events: Herald emits it, a platform cannot send it',
  }),
  projectId: projectIdSchema.nullable().optional(),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  data: z
    .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
    .superRefine((data, ctx) => {
      const problem = dataProblem(data);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
});
export type IngestEventInput = z.infer<typeof ingestEventSchema>;

const MAX_BATCH_EVENTS = 100;

/** Items are parsed one by one with ingestEventSchema, so one bad item does not sink the rest. */
export const ingestBatchSchema = z.strictObject({
  events: z
    .array(z.unknown())
    .min(1, 'must hold at least one event')
    .max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} events`),
});
