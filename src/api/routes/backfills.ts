import { Router } from 'express';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { pathId } from '../ids';

export function backfillRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  router.use(requireRole('admin'));
  const backfillId = (value: string | undefined) => pathId(value, 'bfl', 'Backfill');

  router.get('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.backfills.get(platform.id, backfillId(req.params.id)));
  });
  router.post('/:id/cancel', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.backfills.cancel(platform.id, backfillId(req.params.id)));
  });
  return router;
}
