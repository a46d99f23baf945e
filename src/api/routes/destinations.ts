import { Router } from 'express';
import {
  deliveryListQuerySchema,
  timeRangeSchema,
  testDeliverySchemas,
} from '../../delivery/schemas';
import { compileFilter } from '../../destinations/filter';
import { destinationSchemas, filterTestSchema } from '../../destinations/schemas';
import { principalOf, type RequireRole } from '../auth';
import type { ApiContext } from '../context';
import { pathId } from '../ids';
import { listQuerySchema } from '../pagination';
import { parseInput } from '../validate';

export function destinationRoutes(ctx: ApiContext, requireRole: RequireRole): Router {
  const router = Router();
  const schemas = destinationSchemas({ allowHttp: ctx.config.HERALD_ALLOW_HTTP });
  const testSchemas = testDeliverySchemas({ allowHttp: ctx.config.HERALD_ALLOW_HTTP });
  const destinationId = (value: string | undefined) => pathId(value, 'dst', 'Event destination');
  router.use(requireRole('admin'));

  router.post('/', async (req, res) => {
    const { platform } = principalOf(res);
    res
      .status(201)
      .json(await ctx.destinations.create(platform.id, parseInput(schemas.create, req.body ?? {})));
  });
  router.post('/filter/test', (req, res) => {
    const { filter, event } = parseInput(filterTestSchema, req.body ?? {});
    res.json({ matches: compileFilter(filter)(event) });
  });
  router.post('/test', async (req, res) => {
    const { platform } = principalOf(res);
    const input = parseInput(testSchemas.url, req.body ?? {});
    res.json(
      await ctx.testDeliveries.toUrl(
        platform.id,
        { eventType: input.event, format: input.format },
        input.url,
        input.headers,
      ),
    );
  });
  router.get('/', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.destinations.list(platform.id, parseInput(listQuerySchema, req.query)));
  });
  router.get('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.destinations.get(platform.id, destinationId(req.params.id)));
  });
  router.patch('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    const input = parseInput(schemas.update, req.body ?? {});
    res.json(await ctx.destinations.update(platform.id, destinationId(req.params.id), input));
  });
  router.delete('/:id', async (req, res) => {
    const { platform } = principalOf(res);
    await ctx.destinations.remove(platform.id, destinationId(req.params.id));
    res.status(204).end();
  });
  router.get('/:id/secret', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.destinations.getSigningSecret(platform.id, destinationId(req.params.id)));
  });
  router.post('/:id/secret/rotate', async (req, res) => {
    const { platform } = principalOf(res);
    res.json(await ctx.destinations.rotateSigningSecret(platform.id, destinationId(req.params.id)));
  });
  router.post('/:id/test', async (req, res) => {
    const { platform } = principalOf(res);
    const id = destinationId(req.params.id);
    const input = parseInput(testSchemas.destination, req.body ?? {});
    await ctx.destinations.get(platform.id, id);
    res.json(
      await ctx.testDeliveries.toDestination(
        platform.id,
        { eventType: input.event, format: input.format },
        id,
      ),
    );
  });
  router.get('/:id/deliveries', async (req, res) => {
    const { platform } = principalOf(res);
    const query = parseInput(deliveryListQuerySchema, req.query);
    res.json(
      await ctx.deliveries.listForDestination(platform.id, destinationId(req.params.id), query),
    );
  });
  router.post('/:id/recover', async (req, res) => {
    const { platform } = principalOf(res);
    const { since, until } = parseInput(timeRangeSchema, req.body ?? {});
    const id = destinationId(req.params.id);
    const result = await ctx.redelivery.recover(
      platform.id,
      id,
      new Date(since),
      until ? new Date(until) : undefined,
    );
    res.status(202).json(result);
  });
  router.get('/:id/backfills', async (req, res) => {
    const { platform } = principalOf(res);
    res.json({ data: await ctx.backfills.list(platform.id, destinationId(req.params.id)) });
  });
  router.post('/:id/backfill', async (req, res) => {
    const { platform } = principalOf(res);
    const { since, until } = parseInput(timeRangeSchema, req.body ?? {});
    const id = destinationId(req.params.id);
    res
      .status(202)
      .json(
        await ctx.backfills.start(
          platform.id,
          id,
          new Date(since),
          until ? new Date(until) : undefined,
        ),
      );
  });
  return router;
}
