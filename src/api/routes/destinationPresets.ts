import { Router } from 'express';
import { DESTINATION_PRESETS } from '../../destinations/presets';
import type { RequireRole } from '../auth';

export function destinationPresetRoutes(requireRole: RequireRole): Router {
  const router = Router();
  router.get('/', requireRole('anyKey'), (_req, res) => {
    res.json({ data: DESTINATION_PRESETS });
  });
  return router;
}
