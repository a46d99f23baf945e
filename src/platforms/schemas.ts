import { z } from 'zod';
import { storableText } from '../text';
import { API_KEY_ROLES } from './apiKeys';

const platformName = storableText()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const createPlatformSchema = z.strictObject({
  name: platformName,
  eventStreamingEnabled: z.boolean().default(true),
});
export type CreatePlatformInput = z.infer<typeof createPlatformSchema>;

export const updatePlatformSchema = z
  .strictObject({ name: platformName.optional(), eventStreamingEnabled: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
export type UpdatePlatformInput = z.infer<typeof updatePlatformSchema>;

export const createApiKeySchema = z.strictObject({ role: z.enum(API_KEY_ROLES) });
