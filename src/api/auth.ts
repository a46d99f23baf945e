import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyRole } from '../platforms/apiKeys';
import type { ApiKeyPrincipal, PlatformService } from '../platforms/service';
import { FeatureDisabledError } from '../errors';
import { httpProblems } from './problem';
import type { RateLimiter } from './rateLimit';

export type Principal = ApiKeyPrincipal | { kind: 'root' };
export type RequiredRole = ApiKeyRole | 'root' | 'anyKey';

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

export function principalOf(res: Response): ApiKeyPrincipal {
  const principal = res.locals.principal as Principal | undefined;
  if (principal?.kind !== 'apiKey') throw new Error('route is missing its API key guard');
  return principal;
}

/**
 * Guards a route: a missing or wrong key is 401 (the same answer whether the key id exists),
 * a key over its rate limit is 429, a key of another role is 403, and platform routes need
 * event streaming enabled.
 */
export function createAuth(
  platforms: PlatformService,
  rootToken: string,
  limits: { ingest: RateLimiter; admin: RateLimiter },
) {
  const rootDigest = digest(rootToken);

  function enforceRateLimit(principal: Principal): void {
    const isIngest = principal.kind === 'apiKey' && principal.role === 'ingest';
    const take = isIngest ? limits.ingest : limits.admin;
    const decision = take(principal.kind === 'apiKey' ? principal.keyId : 'root');
    if (!decision.allowed) throw httpProblems.rateLimited(decision.retryAfterSeconds);
  }

  async function identify(req: Request): Promise<Principal | undefined> {
    const token = bearerToken(req);
    if (token === undefined) return undefined;
    if (timingSafeEqual(digest(token), rootDigest)) return { kind: 'root' };
    return platforms.authenticate(token);
  }

  return function requireRole(role: RequiredRole, options: { streamingGate?: boolean } = {}) {
    return async (req: Request, res: Response, next: NextFunction) => {
      const principal = await identify(req);
      if (!principal) throw httpProblems.unauthenticated();
      enforceRateLimit(principal);
      if (role === 'root') {
        if (principal.kind !== 'root')
          throw httpProblems.forbidden('This route needs the operator root token.');
      } else {
        if (principal.kind !== 'apiKey')
          throw httpProblems.forbidden('This route needs a platform API key.');
        if (role !== 'anyKey' && principal.role !== role) {
          throw httpProblems.forbidden(`This route needs a key with the ${role} role.`);
        }
        if (options.streamingGate && !principal.platform.eventStreamingEnabled)
          throw new FeatureDisabledError();
      }
      res.locals.principal = principal;
      next();
    };
  };
}

export type RequireRole = ReturnType<typeof createAuth>;
