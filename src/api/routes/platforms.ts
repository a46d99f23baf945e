import { Router } from 'express';
import {
  createApiKeySchema,
  createPlatformSchema,
  updatePlatformSchema,
} from '../../platforms/schemas';
import type { RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { pathId } from '../ids';
import { parseInput } from '../validate';

export function platformRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  router.use(requireRole('root'));

  router.post('/', async (req, res) => {
    res
      .status(201)
      .json(await ctx.platforms.create(parseInput(createPlatformSchema, req.body ?? {})));
  });
  router.patch('/:id', async (req, res) => {
    const platformId = pathId(req.params.id, 'plt', 'Platform');
    res.json(
      await ctx.platforms.update(platformId, parseInput(updatePlatformSchema, req.body ?? {})),
    );
  });
  router.post('/:id/api-keys', async (req, res) => {
    const platformId = pathId(req.params.id, 'plt', 'Platform');
    const { role } = parseInput(createApiKeySchema, req.body ?? {});
    res.status(201).json(await ctx.platforms.createApiKey(platformId, role));
  });
  router.delete('/:id/api-keys/:keyId', async (req, res) => {
    const platformId = pathId(req.params.id, 'plt', 'Platform');
    await ctx.platforms.deleteApiKey(platformId, pathId(req.params.keyId, 'key', 'API key'));
    res.status(204).end();
  });
  return router;
}
