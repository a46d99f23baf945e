import type { RequestHandler } from 'express';
import type { Metrics } from '../../metrics';

/** GET /metrics in the Prometheus text format; served by API and worker processes alike. */
export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
