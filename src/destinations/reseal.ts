import type { Database } from '../db/knex';
import type { Logger } from '../logger';
import { isUnbound, type SecretBox } from '../security/encryption';
import type { DestinationRow } from './model';
import { destinationFields } from './sealedHeaders';

const BATCH = 500;
const COLUMNS = {
  signing_secret_encrypted: destinationFields.signingSecret,
  previous_signing_secret_encrypted: destinationFields.previousSigningSecret,
  headers_encrypted: destinationFields.headers,
} as const;
type SealedColumn = keyof typeof COLUMNS;
const SEALED_COLUMNS = Object.keys(COLUMNS) as SealedColumn[];

/**
 * Re-seals values written before sealed fields were bound to their row (`v1.`), at start-up after
 * the schema migrations: the schema migrations cannot hold HERALD_SECRET_KEY. Each row is updated
 * only if it still holds what was read, so processes starting together do not trip on each other;
 * afterwards no unbound value is left for the deliverer to accept.
 */
export async function resealUnboundSecrets(
  db: Database,
  secrets: SecretBox,
  logger: Logger,
): Promise<number> {
  let resealed = 0;
  for (;;) {
    const rows: Pick<DestinationRow, 'id' | SealedColumn>[] = await db('event_destinations')
      .where((where) => {
        for (const column of SEALED_COLUMNS) where.orWhere(column, 'like', 'v1.%');
      })
      .orderBy('id')
      .limit(BATCH)
      .select('id', ...SEALED_COLUMNS);
    if (rows.length === 0) break;
    for (const row of rows) {
      const changes: Partial<Record<SealedColumn, string>> = {};
      for (const column of SEALED_COLUMNS) {
        const stored = row[column];
        if (stored === null || !isUnbound(stored)) continue;
        changes[column] = secrets.encrypt(secrets.decryptUnbound(stored), COLUMNS[column](row.id));
      }
      await db('event_destinations').where(row).update(changes);
      resealed += 1;
    }
  }
  if (resealed > 0)
    logger.info({ destinations: resealed }, 're-sealed secrets bound to their rows');
  return resealed;
}
