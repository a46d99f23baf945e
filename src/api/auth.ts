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
 * Two guards. `authenticate` runs before anything reads the request's path or body: a missing or
 * wrong key is 401 (the same answer whether the key id exists) and a key over its rate limit is
 * 429, so an anonymous caller costs no parsing. `requireRole` then checks the route's role (403)
 * and that the platform has event streaming enabled (403 feature-disabled on every platform route).
 */
export function createAuth(
  platforms: PlatformService,
  rootToken: string,
  limits: { ingest: RateLimiter; admin: RateLimiter },
) {
  const rootDigest = digest(rootToken);

  function enforceRateLimit(principal: Principal): void {
    if (principal.kind === 'root') return throwIfLimited(limits.admin('root'));
    const limiter = principal.role === 'ingest' ? limits.ingest : limits.admin;
    throwIfLimited(limiter(principal.keyId));
    // Per platform too, so making more keys does not multiply a platform's rate.
    throwIfLimited(limiter(`platform:${principal.platform.id}:${principal.role}`));
  }

  async function identify(req: Request): Promise<Principal | undefined> {
    const token = bearerToken(req);
    if (token === undefined) return undefined;
    if (timingSafeEqual(digest(token), rootDigest)) return { kind: 'root' };
    return platforms.authenticate(token);
  }

  async function authenticate(req: Request, res: Response, next: NextFunction): Promise<void> {
    const principal = await identify(req);
    if (!principal) throw httpProblems.unauthenticated();
    enforceRateLimit(principal);
    res.locals.principal = principal;
    next();
  }

  function requireRole(role: RequiredRole) {
    return (_req: Request, res: Response, next: NextFunction): void => {
      const principal = res.locals.principal as Principal | undefined;
      if (!principal) throw new Error('route is missing the authenticate guard');
      if (role === 'root') {
        if (principal.kind !== 'root')
          throw httpProblems.forbidden('This route needs the operator root token.');
      } else {
        if (principal.kind !== 'apiKey')
          throw httpProblems.forbidden('This route needs a platform API key.');
        if (role !== 'anyKey' && principal.role !== role) {
          throw httpProblems.forbidden(`This route needs a key with the ${role} role.`);
        }
        if (!principal.platform.eventStreamingEnabled) throw new FeatureDisabledError();
      }
      next();
    };
  }

  return { authenticate, requireRole };
}

function throwIfLimited(decision: { allowed: boolean; retryAfterSeconds: number }): void {
  if (!decision.allowed) throw httpProblems.rateLimited(decision.retryAfterSeconds);
}

export type RequireRole = ReturnType<typeof createAuth>['requireRole'];
