import { Router } from 'express';
import { EVENT_CATALOG } from '../../events/catalog';
import type { RequireRole } from '../auth';

export function eventTypeRoutes(requireRole: RequireRole): Router {
  const router = Router();
  router.get('/', requireRole('anyKey'), (_req, res) => {
    res.json({ data: EVENT_CATALOG });
  });
  return router;
}
