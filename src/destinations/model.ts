import type { EventType } from '../events/catalog';
import type { DestinationFormat } from '../delivery/formats';
import type { EventFilter } from './filter';

export interface DestinationRow {
  id: string;
  platform_id: string;
  project_id: string | null;
  url: string;
  events: EventType[];
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  description: string | null;
  format: DestinationFormat;
  filter: EventFilter | null;
  redact: string[];
  headers_encrypted: string | null;
  signing_secret_encrypted: string;
  previous_signing_secret_encrypted: string | null;
  previous_signing_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

/** A destination as the API shows it (DESIGN §4): no secrets, header values masked. */
export interface Destination {
  id: string;
  platformId: string;
  projectId: string | null;
  url: string;
  events: EventType[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  description: string | null;
  headers: Record<string, string>;
  format: DestinationFormat;
  filter: EventFilter | null;
  redact: string[];
  createdAt: string;
  updatedAt: string;
}

export const MASKED_VALUE = '********';

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASKED_VALUE]));
}

export function toDestination(row: DestinationRow, headers: Record<string, string>): Destination {
  return {
    id: row.id,
    platformId: row.platform_id,
    projectId: row.project_id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    description: row.description,
    headers,
    format: row.format,
    filter: row.filter,
    redact: row.redact,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
