import { z } from 'zod';

/** Keyset pagination over time-ordered ids: the cursor is the last id of the previous page. */
export const listQuerySchema = z.strictObject({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 100')
    .max(100, 'must be between 1 and 100')
    .default(20),
  cursor: z
    .string()
    .max(200)
    .transform((cursor, ctx) => {
      const afterId = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!/^[a-z]{3}_[0-9a-z]{26}$/.test(afterId)) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
        return z.NEVER;
      }
      return afterId;
    })
    .optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  data: T[];
  next: string | null;
}

/** `rows` was fetched with `limit + 1` so one extra row tells whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return {
    data,
    next: rows.length > limit && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null,
  };
}
