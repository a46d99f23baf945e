import { z } from 'zod';

/** A string that Postgres can store: text columns and jsonb both refuse NUL. */
export function storableText() {
  return z
    .string({ error: 'must be a string' })
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');
}
