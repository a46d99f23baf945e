import type { Database } from '../db/knex';
import { openHeaders, sealHeaders } from '../destinations/sealedHeaders';
import { newId } from '../ids';
import type { SealedField, SecretBox } from '../security/encryption';

const TABLE = 'test_delivery_requests';
/** A request older than this belonged to a test whose caller is long gone. */
const STALE_AFTER = '1 hour';

interface TestRequestRow {
  id: string;
  platform_id: string;
  url: string;
  headers_encrypted: string | null;
}

function headersField(rowId: string): SealedField {
  return { table: TABLE, column: 'headers_encrypted', rowId };
}

/**
 * An ad-hoc test's URL and headers wait here while its workflow runs, so the workflow input
 * carries only the row's id: nothing a reader of Temporal could replay elsewhere.
 */
export class TestRequests {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {}

  async create(platformId: string, url: string, headers: Record<string, string>): Promise<string> {
    const id = newId('tdr');
    await this.db(TABLE).insert({
      id,
      platform_id: platformId,
      url,
      headers_encrypted: sealHeaders(this.secrets, headers, headersField(id)),
    });
    return id;
  }

  /** The request, only for the platform that made it. */
  async load(platformId: string, id: string) {
    const row: TestRequestRow | undefined = await this.db(TABLE)
      .where({ id, platform_id: platformId })
      .first();
    if (!row) return undefined;
    return {
      url: row.url,
      headers: openHeaders(this.secrets, row.headers_encrypted, headersField(id)),
    };
  }

  /** Removes the request, and any left behind by a process that died mid-test. */
  async remove(id: string): Promise<void> {
    await this.db(TABLE)
      .where({ id })
      .orWhere('created_at', '<', this.db.raw(`now() - interval '${STALE_AFTER}'`))
      .delete();
  }
}
