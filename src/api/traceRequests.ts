import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { heraldTracer, SpanKind } from '../telemetry/spans';
import { routeOf } from './route';

/**
 * A server span per API request, continuing the caller's `traceparent` when it sends one: an
 * ingested event's trace starts here. Named by route pattern; no path, query, header or body.
 */
export function traceRequests(req: Request, res: Response, next: NextFunction): void {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = heraldTracer.startSpan(
    req.method,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
    parent,
  );
  const active = trace.setSpan(parent, span);
  // Body parsing resumes on the socket's events: bound, they keep this request's context.
  context.bind(active, req);
  context.bind(active, res);
  res.on('finish', () => {
    const route = routeOf(req);
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(active, next);
}
