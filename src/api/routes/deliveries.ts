import { Router } from 'express';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { pathId } from '../ids';

export function deliveryRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.deliveries.get(platform.id, pathId(req.params.id, 'dlv', 'Delivery')));
  });
  router.post('/:id/redeliver', async (req, res) => {
    const { platform } = principalOf(res);
    res
      .status(202)
      .json(await ctx.redelivery.one(platform.id, pathId(req.params.id, 'dlv', 'Delivery')));
  });
  return router;
}
