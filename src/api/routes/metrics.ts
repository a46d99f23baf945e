import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Metrics } from '../../metrics';
import { bearerToken, digest } from '../auth';
import { httpProblems, sendProblem } from '../problem';

/**
 * GET /metrics in the Prometheus text format; served by API and worker processes alike. With
 * HERALD_METRICS_TOKEN set it needs `Authorization: Bearer <token>`: the counts span every tenant.
 */
export function metricsHandler(metrics: Metrics, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    // Answered here, not thrown: the worker's status app has no error handler.
    if (expected && !timingSafeEqual(digest(bearerToken(req) ?? ''), expected)) {
      sendProblem(res, httpProblems.unauthenticated());
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
