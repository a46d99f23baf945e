import type { Database } from '../db/knex';
import { NotFoundError } from '../errors';
import { newId } from '../ids';
import type { SecretBox } from '../security/encryption';
import { toPage, type ListQuery, type Page } from '../api/pagination';
import { openHeaders, sealHeaders } from './sealedHeaders';
import { newSigningSecret, ROTATION_OVERLAP_MS } from './signingSecret';
import type { CreateDestinationInput, UpdateDestinationInput } from './schemas';
import {
  maskHeaders,
  MASKED_VALUE,
  toDestination,
  type Destination,
  type DestinationRow,
} from './model';

/** Destinations of one platform; another platform's destination is simply not found. */
export class DestinationService {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {}

  private live(platformId: string) {
    return this.db<DestinationRow>('event_destinations')
      .where({ platform_id: platformId })
      .whereNull('deleted_at');
  }

  private async findRow(platformId: string, id: string): Promise<DestinationRow> {
    const row = await this.live(platformId).andWhere({ id }).first();
    if (!row) throw new NotFoundError('Event destination');
    return row;
  }

  private present(row: DestinationRow): Destination {
    return toDestination(row, maskHeaders(openHeaders(this.secrets, row.headers_encrypted)));
  }

  async create(
    platformId: string,
    input: CreateDestinationInput,
  ): Promise<Destination & { signingSecret: string }> {
    const signingSecret = newSigningSecret();
    const [row] = await this.db<DestinationRow>('event_destinations')
      .insert({
        id: newId('dst'),
        platform_id: platformId,
        project_id: input.projectId ?? null,
        url: input.url,
        events: input.events,
        enabled: input.enabled,
        description: input.description ?? null,
        headers_encrypted: sealHeaders(this.secrets, input.headers ?? {}),
        signing_secret_encrypted: this.secrets.encrypt(signingSecret),
      })
      .returning('*');
    return { ...this.present(row!), signingSecret };
  }

  async list(platformId: string, query: ListQuery): Promise<Page<Destination>> {
    const rows: DestinationRow[] = await this.live(platformId)
      .modify((builder) => {
        if (query.cursor) builder.andWhere('id', '>', query.cursor);
      })
      .orderBy('id')
      .limit(query.limit + 1);
    return toPage(
      rows.map((row) => this.present(row)),
      query.limit,
    );
  }

  async get(platformId: string, id: string): Promise<Destination> {
    return this.present(await this.findRow(platformId, id));
  }

  async update(
    platformId: string,
    id: string,
    input: UpdateDestinationInput,
  ): Promise<Destination> {
    const current = await this.findRow(platformId, id);
    const changes: Partial<DestinationRow> = {};
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = input.events;
    if (input.description !== undefined) changes.description = input.description;
    if (input.projectId !== undefined) changes.project_id = input.projectId;
    if (input.enabled !== undefined) {
      changes.enabled = input.enabled;
      // Re-enabling clears why it was disabled; disabling by hand records no reason.
      if (input.enabled) {
        Object.assign(changes, { disabled_reason: null, disabled_at: null, failing_since: null });
      }
    }
    if (input.headers !== undefined) {
      const previous = openHeaders(this.secrets, current.headers_encrypted);
      // A client that sends back the masked value it was shown means "keep this header as it is".
      const merged = Object.fromEntries(
        Object.entries(input.headers).map(([name, value]) => [
          name,
          value === MASKED_VALUE && previous[name] !== undefined ? previous[name] : value,
        ]),
      );
      changes.headers_encrypted = sealHeaders(this.secrets, merged);
    }
    const [row] = await this.live(platformId)
      .andWhere({ id })
      .update({ ...changes, updated_at: this.db.fn.now() })
      .returning('*');
    if (!row) throw new NotFoundError('Event destination');
    return this.present(row);
  }

  /** Soft delete; its pending deliveries are cancelled now, and their next attempt finds nothing to do. */
  async remove(platformId: string, id: string): Promise<{ cancelledDeliveries: number }> {
    return this.db.transaction(async (trx) => {
      const removed = await trx('event_destinations')
        .where({ platform_id: platformId, id })
        .whereNull('deleted_at')
        .update({ deleted_at: trx.fn.now(), enabled: false });
      if (removed === 0) throw new NotFoundError('Event destination');
      const cancelledDeliveries = await trx('deliveries')
        .where({ destination_id: id, status: 'pending' })
        .update({ status: 'cancelled', updated_at: trx.fn.now() });
      return { cancelledDeliveries };
    });
  }

  async getSigningSecret(platformId: string, id: string): Promise<{ signingSecret: string }> {
    const row = await this.findRow(platformId, id);
    return { signingSecret: this.secrets.decrypt(row.signing_secret_encrypted) };
  }

  /** The new secret signs from now on; the old one keeps signing beside it for 24 hours. */
  async rotateSigningSecret(platformId: string, id: string): Promise<{ signingSecret: string }> {
    const signingSecret = newSigningSecret();
    const updated = await this.live(platformId)
      .andWhere({ id })
      .update({
        previous_signing_secret_encrypted: this.db.ref('signing_secret_encrypted'),
        previous_signing_secret_expires_at: new Date(Date.now() + ROTATION_OVERLAP_MS),
        signing_secret_encrypted: this.secrets.encrypt(signingSecret),
        updated_at: this.db.fn.now(),
      });
    if (updated === 0) throw new NotFoundError('Event destination');
    return { signingSecret };
  }
}
