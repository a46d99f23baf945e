import { liveDestinations } from './live';
import type { Database } from '../db/knex';
import type { DeliveryRepository } from '../delivery/repository';
import { NotFoundError, QuotaExceededError, ValidationError } from '../errors';
import { newId } from '../ids';
import type { SecretBox } from '../security/encryption';
import { toPage, type ListQuery, type Page } from '../api/pagination';
import { destinationFields, openHeaders, sealHeaders } from './sealedHeaders';
import { newSigningSecret, ROTATION_OVERLAP_MS } from './signingSecret';
import type { CreateDestinationInput, UpdateDestinationInput } from './schemas';
import {
  maskHeaders,
  MASKED_VALUE,
  toDestination,
  type Destination,
  type DestinationRow,
} from './model';

export interface DestinationLimits {
  /** HERALD_MAX_DESTINATIONS: live destinations per platform, which also bounds an event's fan-out. */
  maxDestinations: number;
}

/** Destinations of one platform; another platform's destination is simply not found. */
export class DestinationService {
  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly limits: DestinationLimits,
    private readonly deliveries: Pick<DeliveryRepository, 'cancelPendingOfDestination'>,
  ) {}

  private live(platformId: string) {
    return liveDestinations(this.db, platformId);
  }

  private async findRow(platformId: string, id: string): Promise<DestinationRow> {
    const row = await this.live(platformId).andWhere({ id }).first();
    if (!row) throw new NotFoundError('Event destination');
    return row;
  }

  private present(row: DestinationRow): Destination {
    return toDestination(row, maskHeaders(this.headersOf(row)));
  }

  private headersOf(row: Pick<DestinationRow, 'id' | 'headers_encrypted'>) {
    return openHeaders(this.secrets, row.headers_encrypted, destinationFields.headers(row.id));
  }

  async create(
    platformId: string,
    input: CreateDestinationInput,
  ): Promise<Destination & { signingSecret: string }> {
    const signingSecret = newSigningSecret();
    const id = newId('dst');
    const row = await this.db.transaction(async (trx) => {
      // One creator at a time per platform, so two concurrent creates cannot both pass the count.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`destinations:${platformId}`]);
      const counted = await trx('event_destinations')
        .where({ platform_id: platformId })
        .whereNull('deleted_at')
        .count<{ count: string }[]>({ count: '*' });
      const count = Number(counted[0]?.count ?? 0);
      if (count >= this.limits.maxDestinations) {
        throw new QuotaExceededError(
          `This platform has ${count} destinations, its limit (HERALD_MAX_DESTINATIONS); delete one first.`,
        );
      }
      const [inserted] = await trx<DestinationRow>('event_destinations')
        .insert({
          id,
          platform_id: platformId,
          project_id: input.projectId ?? null,
          url: input.url,
          events: input.events,
          enabled: input.enabled,
          description: input.description ?? null,
          format: input.format,
          filter: input.filter ?? null,
          redact: input.redact ?? [],
          headers_encrypted: sealHeaders(
            this.secrets,
            input.headers ?? {},
            destinationFields.headers(id),
          ),
          signing_secret_encrypted: this.secrets.encrypt(
            signingSecret,
            destinationFields.signingSecret(id),
          ),
        })
        .returning('*');
      return inserted!;
    });
    return { ...this.present(row), signingSecret };
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
    if (input.format !== undefined) changes.format = input.format;
    if (input.filter !== undefined) changes.filter = input.filter;
    if (input.redact !== undefined) changes.redact = input.redact;
    if (input.enabled !== undefined) {
      changes.enabled = input.enabled;
      // Re-enabling clears why it was disabled; disabling by hand records no reason.
      if (input.enabled) {
        Object.assign(changes, { disabled_reason: null, disabled_at: null, failing_since: null });
      }
    }
    const previous = this.headersOf(current);
    const hostChanges =
      input.url !== undefined && new URL(input.url).host !== new URL(current.url).host;
    if (hostChanges) requireHeaderValuesAgain(previous, input.headers);
    if (input.headers !== undefined) {
      // A client that sends back the masked value it was shown means "keep this header as it is".
      const merged = Object.fromEntries(
        Object.entries(input.headers).map(([name, value]) => [
          name,
          value === MASKED_VALUE && previous[name] !== undefined ? previous[name] : value,
        ]),
      );
      changes.headers_encrypted = sealHeaders(this.secrets, merged, destinationFields.headers(id));
    }
    const [row] = await this.live(platformId)
      .andWhere({ id })
      .update({ ...changes, updated_at: this.db.fn.now() })
      .returning('*');
    if (!row) throw new NotFoundError('Event destination');
    return this.present(row);
  }

  /**
   * Soft delete; its pending deliveries are cancelled now (should that fail, each one's next
   * attempt finds the destination deleted and cancels it then).
   */
  async remove(platformId: string, id: string): Promise<void> {
    const removed = await this.live(platformId)
      .andWhere({ id })
      .update({ deleted_at: this.db.fn.now(), enabled: false });
    if (removed === 0) throw new NotFoundError('Event destination');
    await this.deliveries.cancelPendingOfDestination(id, 'the destination was deleted');
  }

  async getSigningSecret(platformId: string, id: string): Promise<{ signingSecret: string }> {
    const row = await this.findRow(platformId, id);
    return {
      signingSecret: this.secrets.decrypt(
        row.signing_secret_encrypted,
        destinationFields.signingSecret(row.id),
      ),
    };
  }

  /**
   * The new secret signs from now on; the old one keeps signing beside it for 24 hours. A second
   * rotation within those hours replaces only the current secret: the original keeps its place
   * and expiry (receivers not yet moved keep verifying), and the secret it replaces — perhaps
   * the leaked one — stops signing at once.
   */
  async rotateSigningSecret(platformId: string, id: string): Promise<{ signingSecret: string }> {
    const signingSecret = newSigningSecret();
    await this.db.transaction(async (trx) => {
      const row = await trx<DestinationRow>('event_destinations')
        .where({ platform_id: platformId, id })
        .whereNull('deleted_at')
        .forUpdate()
        .first();
      if (!row) throw new NotFoundError('Event destination');
      const now = new Date();
      const overlapRunning =
        row.previous_signing_secret_encrypted !== null &&
        row.previous_signing_secret_expires_at !== null &&
        row.previous_signing_secret_expires_at > now;
      const previous = overlapRunning
        ? {}
        : {
            previous_signing_secret_encrypted: this.secrets.encrypt(
              this.secrets.decrypt(
                row.signing_secret_encrypted,
                destinationFields.signingSecret(id),
              ),
              destinationFields.previousSigningSecret(id),
            ),
            previous_signing_secret_expires_at: new Date(now.getTime() + ROTATION_OVERLAP_MS),
          };
      await trx('event_destinations')
        .where({ id })
        .update({
          ...previous,
          signing_secret_encrypted: this.secrets.encrypt(
            signingSecret,
            destinationFields.signingSecret(id),
          ),
          updated_at: trx.fn.now(),
        });
    });
    return { signingSecret };
  }
}

/**
 * Header values often authenticate to the receiving host; sent to another host they would leak.
 * Moving a destination to a new host therefore takes every stored header again, in full.
 */
function requireHeaderValuesAgain(
  stored: Record<string, string>,
  offered: Record<string, string> | undefined,
): void {
  // `headers` replaces the whole set: a name left out is dropped, a masked one would be kept.
  const missing = Object.keys(stored).filter(
    (name) => offered === undefined || offered[name] === MASKED_VALUE,
  );
  if (missing.length === 0) return;
  throw new ValidationError(
    missing.map((name) => ({
      path: `headers.${name}`,
      message:
        'the URL moves to another host: send this header value again (or leave it out of headers to drop it)',
    })),
  );
}
