import { Router } from 'express';
import type { ApiContext } from '../context';

const CHECK_TIMEOUT_MS = 2_000;

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `ok` or `unavailable`: the dependency's own error goes to the log, not to whoever can reach
 * this unauthenticated route (it can name hosts, ports and users).
 */
async function check(
  dependency: string,
  work: () => Promise<unknown>,
  logger: ApiContext['logger'],
): Promise<'ok' | 'unavailable'> {
  try {
    await withTimeout(work());
    return 'ok';
  } catch (error) {
    logger.warn({ err: error, dependency }, 'readiness check failed');
    return 'unavailable';
  }
}

export function healthRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      check('postgres', () => ctx.db.raw('select 1'), ctx.logger),
      check(
        'temporal',
        () => ctx.temporal.connection.workflowService.getSystemInfo({}),
        ctx.logger,
      ),
    ]);
    const ready = postgres === 'ok' && temporal === 'ok';
    if (!ready) res.set('retry-after', '5');
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ok' : 'unavailable', checks: { postgres, temporal } });
  });
  return router;
}
