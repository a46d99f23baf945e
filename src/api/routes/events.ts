import { Router } from 'express';
import { EVENT_ID_PATTERN, ingestEventSchema } from '../../events/schemas';
import { NotFoundError } from '../../errors';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { parseInput } from '../validate';

export function eventRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();

  router.post('/', requireRole('ingest', { streamingGate: true }), async (req, res) => {
    const { platform } = principalOf(res);
    const result = await ctx.events.ingest(platform.id, parseInput(ingestEventSchema, req.body));
    ctx.metrics.eventsIngested.inc({ duplicate: String(result.duplicate) });
    res.status(result.duplicate ? 200 : 202).json(result);
  });

  router.get('/:id', requireRole('admin'), async (req, res) => {
    const { platform } = principalOf(res);
    const eventId = String(req.params.id);
    if (!EVENT_ID_PATTERN.test(eventId)) throw new NotFoundError('Event');
    res.json(await ctx.events.get(platform.id, eventId));
  });
  return router;
}
