import { randomUUID } from 'node:crypto';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { createAuth } from './auth';
import type { ApiContext } from './context';
import type { Metrics } from '../metrics';
import { refusePrototypeKeys } from './prototypeKeys';
import { routeOf } from './route';
import { traceRequests } from './traceRequests';
import { errorHandler } from './errorHandler';
import { openApiDocument } from './openapi';
import { createRateLimiter } from './rateLimit';
import { httpProblems } from './problem';
import { backfillRoutes } from './routes/backfills';
import { deliveryRoutes } from './routes/deliveries';
import { destinationRoutes } from './routes/destinations';
import { eventRoutes } from './routes/events';
import { eventTypeRoutes } from './routes/eventTypes';
import { destinationPresetRoutes } from './routes/destinationPresets';
import { healthRoutes } from './routes/health';
import { metricsHandler } from './routes/metrics';
import { platformRoutes } from './routes/platforms';

export const MAX_BODY_BYTES = 256 * 1024;
const ADMIN_DIR = path.resolve(__dirname, '../admin');

function hasBody(req: Request): boolean {
  return req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
}

/** 415 for a body that is not JSON; checked before parsing so nothing else reads it. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (hasBody(req) && !req.is(['application/json', 'application/*+json'])) {
    throw httpProblems.unsupportedMediaType();
  }
  next();
}

/** nginx's status for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/** A caller's (or a proxy's) X-Request-Id is kept when it is a plain token; otherwise one is made. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/**
 * Per request: the request id (echoed in X-Request-Id), one log line, the HTTP metrics. The line
 * holds no headers, query or body: those carry keys and customer data.
 */
function observeRequests(logger: ApiContext['logger'], metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = performance.now();
    const offered = req.get('x-request-id');
    const requestId = offered && REQUEST_ID_PATTERN.test(offered) ? offered : randomUUID();
    res.locals.requestId = requestId;
    res.set('x-request-id', requestId);
    const record = (status: number) => {
      const seconds = (performance.now() - startedAt) / 1000;
      // The route pattern, not the path, keeps the label set small.
      const route = routeOf(req);
      metrics.httpRequests.inc({ method: req.method, route, status });
      metrics.httpDuration.observe({ method: req.method, route }, seconds);
      const principal = res.locals.principal as { platform?: { id: string } } | undefined;
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          route,
          status,
          durationMs: Math.round(seconds * 1000),
          platformId: principal?.platform?.id,
        },
        'request',
      );
    };
    res.on('finish', () => record(res.statusCode));
    // A client that hangs up before its answer (its deadline passed under load) is still one line
    // and one count, so operators see callers giving up.
    res.on('close', () => {
      if (!res.writableFinished) record(CLIENT_CLOSED_REQUEST);
    });
    next();
  };
}

export function createApp(ctx: ApiContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet());
  app.use(observeRequests(ctx.logger, ctx.metrics));

  const { authenticate, requireRole } = createAuth(ctx.platforms, ctx.rootToken, {
    ingest: createRateLimiter(ctx.config.HERALD_RATE_LIMIT_INGEST),
    admin: createRateLimiter(ctx.config.HERALD_RATE_LIMIT_ADMIN),
  });
  // The admin page: static files that call only the public API below.
  app.use('/admin', express.static(ADMIN_DIR, { index: 'index.html' }));
  app.use('/health', healthRoutes(ctx));
  app.get('/metrics', metricsHandler(ctx.metrics, ctx.config.HERALD_METRICS_TOKEN));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  if (ctx.traced) app.use('/v1', traceRequests);
  // The key is checked before anything parses the path's ids or the body.
  app.use('/v1', authenticate);
  app.use(requireJsonBody);
  app.use(
    express.json({ limit: MAX_BODY_BYTES, type: ['application/json', 'application/*+json'] }),
    refusePrototypeKeys,
  );
  app.use('/v1/platforms', platformRoutes(ctx, requireRole));
  app.use('/v1/event-types', eventTypeRoutes(requireRole));
  app.use('/v1/destination-presets', destinationPresetRoutes(requireRole));
  app.use('/v1/event-destinations', destinationRoutes(ctx, requireRole));
  app.use('/v1/events', eventRoutes(ctx, requireRole));
  app.use('/v1/deliveries', deliveryRoutes(ctx, requireRole));
  app.use('/v1/backfills', backfillRoutes(ctx, requireRole));

  app.use(() => {
    throw httpProblems.routeNotFound();
  });
  app.use(errorHandler(ctx.logger));
  return app;
}
