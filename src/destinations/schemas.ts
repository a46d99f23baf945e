import { DESTINATION_FORMATS } from '../delivery/formats';
import { z } from 'zod';
import { EVENT_TYPES } from '../events/catalog';
import { storableText } from '../text';
import { EVENT_FILTER_MAX_BYTES, filterProblems, type EventFilter } from './filter';
import { MAX_REDACTED_PATHS, redactPathProblem } from './redact';
import {
  destinationUrlProblem,
  headerNameProblem,
  headerValueProblem,
  MAX_CUSTOM_HEADERS,
} from './rules';

export const projectIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1–128 characters of A-Z a-z 0-9 . _ : -');

export const destinationFormatSchema = z.enum(DESTINATION_FORMATS, {
  error: `must be one of ${DESTINATION_FORMATS.join(', ')}`,
});

export const eventTypeSchema = z.enum(EVENT_TYPES, {
  error: 'must be an event type of GET /v1/event-types',
});

const eventListSchema = z
  .array(eventTypeSchema)
  .min(1, 'must list at least one event type')
  .superRefine((events, ctx) => {
    events.forEach((event, index) => {
      if (events.indexOf(event) !== index) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${event} is listed twice` });
      }
    });
  });

export const customHeadersSchema = z
  .record(z.string(), z.string({ error: 'must be a string' }))
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_CUSTOM_HEADERS) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_CUSTOM_HEADERS} custom headers` });
    }
    const seen = new Set<string>();
    for (const [name, value] of Object.entries(headers)) {
      const problem =
        headerNameProblem(name) ??
        (seen.has(name.toLowerCase())
          ? 'is listed twice (names are case-insensitive)'
          : undefined) ??
        headerValueProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
      seen.add(name.toLowerCase());
    }
  });

/** DESIGN §4 `filter`: validated whole, each problem named by its path inside the filter. */
export const eventFilterSchema = z
  .record(z.string(), z.unknown(), { error: 'must be an object of conditions' })
  .superRefine((filter, ctx) => {
    if (Buffer.byteLength(JSON.stringify(filter)) > EVENT_FILTER_MAX_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `must be at most ${EVENT_FILTER_MAX_BYTES} bytes of JSON`,
      });
      return;
    }
    for (const problem of filterProblems(filter))
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
  })
  .transform((filter) => filter as EventFilter);

export const redactSchema = z
  .array(z.string())
  .max(MAX_REDACTED_PATHS, `at most ${MAX_REDACTED_PATHS} paths`)
  .superRefine((paths, ctx) => {
    paths.forEach((path, index) => {
      const problem = redactPathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', path: [index], message: problem });
    });
  });

export function destinationUrlSchema(options: { allowHttp: boolean }) {
  return storableText().superRefine((url, ctx) => {
    const problem = destinationUrlProblem(url, options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** The create and update bodies depend on one setting (HERALD_ALLOW_HTTP), so they are built from it. */
export function destinationSchemas(options: { allowHttp: boolean }) {
  const create = z.strictObject({
    url: destinationUrlSchema(options),
    events: eventListSchema,
    enabled: z.boolean().default(true),
    description: storableText().max(1000, 'must be at most 1000 characters').nullable().optional(),
    projectId: projectIdSchema.nullable().optional(),
    headers: customHeadersSchema.optional(),
    format: destinationFormatSchema.default('webhook'),
    filter: eventFilterSchema.nullable().optional(),
    redact: redactSchema.optional(),
  });
  const update = create
    .partial()
    .extend({ enabled: z.boolean().optional(), format: destinationFormatSchema.optional() })
    .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
  return { create, update };
}

export type DestinationSchemas = ReturnType<typeof destinationSchemas>;
export type CreateDestinationInput = z.infer<DestinationSchemas['create']>;
export type UpdateDestinationInput = z.infer<DestinationSchemas['update']>;

/** `POST /v1/event-destinations/filter/test`: would this event (an envelope) meet this filter? */
export const filterTestSchema = z.strictObject({
  filter: eventFilterSchema,
  event: z.record(z.string(), z.unknown(), { error: 'must be an event envelope (an object)' }),
});
