import type { Request } from 'express';

/**
 * The matched route's pattern as callers write it (`/v1/events/:id`, `/v1/events`), not the
 * path: ids stay out of metric labels and span names.
 */
export function routeOf(req: Request): string {
  if (!req.route) return 'unmatched';
  const pattern = `${req.baseUrl}${String(req.route.path)}`;
  return pattern.length > 1 && pattern.endsWith('/') ? pattern.slice(0, -1) : pattern;
}
