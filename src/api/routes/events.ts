import { Router } from 'express';
import { isDatabaseUnavailable } from '../../db/errors';
import { NotFoundError, UnavailableError, ValidationError } from '../../errors';
import { EVENT_TYPES } from '../../events/catalog';
import { EVENT_ID_PATTERN, ingestEventSchema } from '../../events/schemas';
import type { Metrics } from '../../metrics';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { parseInput } from '../validate';

type IngestOutcome = 'accepted' | 'duplicate' | 'rejected' | 'unavailable' | 'error';

function ingestFailureOutcome(error: unknown): IngestOutcome {
  if (error instanceof UnavailableError || isDatabaseUnavailable(error)) return 'unavailable';
  return error instanceof ValidationError ? 'rejected' : 'error';
}

/** Counts one ingest by type and outcome; a type outside the catalog is `unknown` (bounded labels). */
function observeIngest(metrics: Metrics, body: unknown) {
  const stopTimer = metrics.ingestDuration.startTimer();
  const claimed = (body as { type?: unknown } | undefined)?.type;
  const type = EVENT_TYPES.find((known) => known === claimed) ?? 'unknown';
  return (outcome: IngestOutcome) => {
    stopTimer({ outcome });
    metrics.eventsIngested.inc({ type, outcome });
  };
}

export function eventRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();

  router.post('/', requireRole('ingest', { streamingGate: true }), async (req, res) => {
    const { platform } = principalOf(res);
    const observed = observeIngest(ctx.metrics, req.body);
    try {
      const result = await ctx.events.ingest(platform.id, parseInput(ingestEventSchema, req.body));
      observed(result.duplicate ? 'duplicate' : 'accepted');
      res.status(result.duplicate ? 200 : 202).json(result);
    } catch (error) {
      observed(ingestFailureOutcome(error));
      throw error;
    }
  });

  router.get('/:id', requireRole('admin'), async (req, res) => {
    const { platform } = principalOf(res);
    const eventId = String(req.params.id);
    if (!EVENT_ID_PATTERN.test(eventId)) throw new NotFoundError('Event');
    res.json(await ctx.events.get(platform.id, eventId));
  });
  return router;
}
