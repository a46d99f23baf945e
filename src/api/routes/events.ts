import { Router } from 'express';
import { isDatabaseUnavailable } from '../../db/errors';
import { NotFoundError, UnavailableError, ValidationError } from '../../errors';
import { EVENT_TYPES } from '../../events/catalog';
import { EVENT_ID_PATTERN, ingestBatchSchema, ingestEventSchema } from '../../events/schemas';
import type { Metrics } from '../../metrics';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { limitInFlight } from '../inFlight';
import { parseInput } from '../validate';

type IngestOutcome = 'accepted' | 'duplicate' | 'rejected' | 'unavailable' | 'error';

/**
 * Ingest requests one API process serves at once. Each holds one of the pool's 10 connections
 * for a few milliseconds, so this many keep the pool busy; more would only wait in its queue
 * while the client's deadline runs out, where a 503 now lets it back off.
 */
const MAX_INGEST_IN_FLIGHT = 64;

function ingestFailureOutcome(error: unknown): IngestOutcome {
  if (error instanceof UnavailableError || isDatabaseUnavailable(error)) return 'unavailable';
  return error instanceof ValidationError ? 'rejected' : 'error';
}

/** A type outside the catalog is `unknown`, so labels stay bounded. */
function typeLabel(body: unknown): string {
  const event = body as { type?: unknown; action?: unknown } | null | undefined;
  const claimed = event?.type ?? event?.action;
  return EVENT_TYPES.find((known) => known === claimed) ?? 'unknown';
}

/** Times one ingest request and counts its events by type and outcome. */
function observeIngest(metrics: Metrics) {
  const stopTimer = metrics.ingestDuration.startTimer();
  return (outcome: IngestOutcome, events: { body: unknown; outcome: IngestOutcome }[]) => {
    stopTimer({ outcome });
    for (const event of events) {
      metrics.eventsIngested.inc({ type: typeLabel(event.body), outcome: event.outcome });
    }
  };
}

export function eventRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  const ingestGuards = [limitInFlight(MAX_INGEST_IN_FLIGHT), requireRole('ingest')];

  router.post('/', ...ingestGuards, async (req, res) => {
    const { platform } = principalOf(res);
    const observed = observeIngest(ctx.metrics);
    try {
      const result = await ctx.events.ingest(platform.id, parseInput(ingestEventSchema, req.body));
      const outcome = result.duplicate ? 'duplicate' : 'accepted';
      observed(outcome, [{ body: req.body, outcome }]);
      res.status(result.duplicate ? 200 : 202).json(result);
    } catch (error) {
      const outcome = ingestFailureOutcome(error);
      observed(outcome, [{ body: req.body, outcome }]);
      throw error;
    }
  });

  router.post('/batch', ...ingestGuards, async (req, res) => {
    const { platform } = principalOf(res);
    const observed = observeIngest(ctx.metrics);
    const { events } = parseInput(ingestBatchSchema, req.body);
    try {
      const results = await ctx.events.ingestBatch(platform.id, events);
      const itemOutcome = { accepted: 'accepted', duplicate: 'duplicate', invalid: 'rejected' };
      observed(
        'accepted',
        results.map((result) => ({
          body: events[result.index],
          outcome: itemOutcome[result.status] as IngestOutcome,
        })),
      );
      res.status(200).json({ results });
    } catch (error) {
      const outcome = ingestFailureOutcome(error);
      observed(
        outcome,
        events.map((body) => ({ body, outcome })),
      );
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
