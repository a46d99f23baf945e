import type { Database } from '../db/knex';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import { issueApiKey, secretMatches, splitApiKey, hashSecret, type ApiKeyRole } from './apiKeys';
import type { CreatePlatformInput, UpdatePlatformInput } from './schemas';

export interface Platform {
  id: string;
  name: string;
  eventStreamingEnabled: boolean;
  createdAt: string;
}

interface PlatformRow {
  id: string;
  name: string;
  event_streaming_enabled: boolean;
  created_at: Date;
}

function toPlatform(row: PlatformRow): Platform {
  return {
    id: row.id,
    name: row.name,
    eventStreamingEnabled: row.event_streaming_enabled,
    createdAt: row.created_at.toISOString(),
  };
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  keyId: string;
  role: ApiKeyRole;
  platform: Platform;
}

// Hashed against when a key id is unknown, so a miss costs the same as a wrong secret.
const DUMMY_HASH = hashSecret('herald-no-such-key');

/**
 * A key that authenticated is trusted this long without asking Postgres again: ingest at a
 * thousand requests a second would otherwise spend half its queries on the same lookup. A key
 * revoked or a platform changed through another API replica takes effect within this time;
 * through this one, at once.
 */
const AUTHENTICATED_KEY_TTL_MS = 1_000;
const AUTHENTICATED_KEYS_MAX = 10_000;

export class PlatformService {
  /** By the presented key's SHA-256, never the key itself. */
  private readonly authenticated = new Map<string, { principal: ApiKeyPrincipal; at: number }>();

  constructor(private readonly db: Database) {}

  async create(input: CreatePlatformInput) {
    const platformId = newId('plt');
    const admin = issueApiKey();
    const ingest = issueApiKey();
    const platform = await this.db.transaction(async (trx) => {
      const [row] = await trx<PlatformRow>('platforms')
        .insert({
          id: platformId,
          name: input.name,
          event_streaming_enabled: input.eventStreamingEnabled,
        })
        .returning('*');
      await trx('api_keys').insert([
        { id: admin.id, platform_id: platformId, role: 'admin', secret_hash: admin.secretHash },
        { id: ingest.id, platform_id: platformId, role: 'ingest', secret_hash: ingest.secretHash },
      ]);
      return toPlatform(row!);
    });
    return { platform, apiKeys: { admin: admin.key, ingest: ingest.key } };
  }

  async update(platformId: string, input: UpdatePlatformInput): Promise<Platform> {
    const [row]: PlatformRow[] = await this.db('platforms')
      .where({ id: platformId })
      .update({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.eventStreamingEnabled === undefined
          ? {}
          : { event_streaming_enabled: input.eventStreamingEnabled }),
        updated_at: this.db.fn.now(),
      })
      .returning('*');
    if (!row) throw new NotFoundError('Platform');
    this.authenticated.clear();
    return toPlatform(row);
  }

  async createApiKey(platformId: string, role: ApiKeyRole) {
    const exists = await this.db('platforms').where({ id: platformId }).first('id');
    if (!exists) throw new NotFoundError('Platform');
    const issued = issueApiKey();
    await this.db('api_keys').insert({
      id: issued.id,
      platform_id: platformId,
      role,
      secret_hash: issued.secretHash,
    });
    return { id: issued.id, role, key: issued.key };
  }

  async deleteApiKey(platformId: string, keyId: string): Promise<void> {
    const deleted = await this.db('api_keys')
      .where({ id: keyId, platform_id: platformId })
      .delete();
    if (deleted === 0) throw new NotFoundError('API key');
    this.authenticated.clear();
  }

  /** Resolves a presented key to its platform and role, or undefined; never says which part was wrong. */
  async authenticate(presentedKey: string): Promise<ApiKeyPrincipal | undefined> {
    const cacheKey = hashSecret(presentedKey).toString('hex');
    const cached = this.authenticated.get(cacheKey);
    if (cached && Date.now() - cached.at < AUTHENTICATED_KEY_TTL_MS) return cached.principal;
    const principal = await this.lookUp(presentedKey);
    if (principal) {
      if (this.authenticated.size >= AUTHENTICATED_KEYS_MAX) this.authenticated.clear();
      this.authenticated.set(cacheKey, { principal, at: Date.now() });
    } else {
      this.authenticated.delete(cacheKey);
    }
    return principal;
  }

  private async lookUp(presentedKey: string): Promise<ApiKeyPrincipal | undefined> {
    const parts = splitApiKey(presentedKey);
    const row = parts
      ? await this.db('api_keys as k')
          .join('platforms as p', 'p.id', 'k.platform_id')
          .where('k.id', parts.id)
          .first<{ role: ApiKeyRole; secret_hash: Buffer } & PlatformRow>(
            'k.role',
            'k.secret_hash',
            'p.id',
            'p.name',
            'p.event_streaming_enabled',
            'p.created_at',
          )
      : undefined;
    const matches = secretMatches(parts?.secret ?? '', row?.secret_hash ?? DUMMY_HASH);
    if (!row || !parts || !matches) return undefined;
    return { kind: 'apiKey', keyId: parts.id, role: row.role, platform: toPlatform(row) };
  }
}
