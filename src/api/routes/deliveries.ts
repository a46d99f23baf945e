import { Router } from 'express';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { redeliverHeadersSchema } from '../../delivery/schemas';
import { pathId } from '../ids';
import { parseInput } from '../validate';

export function deliveryRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  router.use(requireRole('admin'));

  router.get('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.deliveries.get(platform.id, pathId(req.params.id, 'dlv', 'Delivery')));
  });
  router.post('/:id/redeliver', async (req, res) => {
    const { platform } = principalOf(res);
    const headers = parseInput(redeliverHeadersSchema, {
      'idempotency-key': req.get('idempotency-key'),
    });
    const id = pathId(req.params.id, 'dlv', 'Delivery');
    res.status(202).json(await ctx.redelivery.one(platform.id, id, headers['idempotency-key']));
  });
  return router;
}
