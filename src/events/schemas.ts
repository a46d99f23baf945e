import { z } from 'zod';
import { eventTypeSchema, projectIdSchema } from '../destinations/schemas';
import { storableText } from '../text';
import { ACTOR_FIELDS, type EventActor } from '../delivery/payload';
import { dataProblem } from './payloadRules';
import { isOperationalType } from './operational';

export const EVENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

const ingestibleType = eventTypeSchema.refine((type) => !isOperationalType(type), {
  error: 'is one of Herald’s own operational events: Herald emits it, a platform cannot send it',
});
const dateTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const actorText = (max: number) => storableText().max(max, `must be at most ${max} characters`);

/**
 * POST /v1/events (DESIGN §4). Herald's own field names, or an Activepieces audit event as
 * Activepieces stores it: `action` for `type`, `created` for `occurredAt`, its actor fields,
 * and `updated` and `platformId`, which Herald does not keep (the key says the platform). The
 * output is one shape whichever names came in.
 */
export const ingestEventSchema = z
  .strictObject({
    id: z
      .string()
      .regex(EVENT_ID_PATTERN, 'must be 1–128 characters of A-Z a-z 0-9 . _ : -')
      .optional(),
    type: ingestibleType.optional(),
    action: ingestibleType.optional().describe('Activepieces’ name for type'),
    projectId: projectIdSchema.nullable().optional(),
    occurredAt: dateTime.optional(),
    created: dateTime.optional().describe('Activepieces’ name for occurredAt'),
    updated: dateTime.optional().describe('Accepted from Activepieces, not kept'),
    platformId: z.string().max(128).optional().describe('Accepted from Activepieces, not kept'),
    userId: actorText(256).nullable().optional(),
    userEmail: actorText(320).nullable().optional(),
    ip: actorText(64).nullable().optional(),
    projectDisplayName: actorText(256).nullable().optional(),
    data: z
      .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
      .superRefine((data, ctx) => {
        const problem = dataProblem(data);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .superRefine((event, ctx) => {
    if (event.type === undefined && event.action === undefined)
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'is required (or action)' });
    if (event.type !== undefined && event.action !== undefined && event.type !== event.action)
      ctx.addIssue({ code: 'custom', path: ['action'], message: 'differs from type; send one' });
    if (event.occurredAt !== undefined && event.created !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['created'],
        message: 'send occurredAt or created, not both',
      });
  })
  .transform((event) => {
    const actor: EventActor = {};
    for (const field of ACTOR_FIELDS) {
      const value = event[field];
      if (typeof value === 'string') actor[field] = value;
    }
    const occurredAt = event.occurredAt ?? event.created;
    return {
      ...(event.id === undefined ? {} : { id: event.id }),
      type: (event.type ?? event.action)!,
      ...(event.projectId === undefined ? {} : { projectId: event.projectId }),
      ...(occurredAt === undefined ? {} : { occurredAt }),
      actor: Object.keys(actor).length > 0 ? actor : null,
      data: event.data,
    };
  });
export type IngestEventInput = z.output<typeof ingestEventSchema>;

const MAX_BATCH_EVENTS = 100;

/** Items are parsed one by one with ingestEventSchema, so one bad item does not sink the rest. */
export const ingestBatchSchema = z.strictObject({
  events: z
    .array(z.unknown())
    .min(1, 'must hold at least one event')
    .max(MAX_BATCH_EVENTS, `must hold at most ${MAX_BATCH_EVENTS} events`),
});
