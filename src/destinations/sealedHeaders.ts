import type { SealedField, SecretBox } from '../security/encryption';

/** The sealed columns of `event_destinations`, each bound to its row (security/encryption.ts). */
export const destinationFields = {
  signingSecret: (rowId: string): SealedField => field('signing_secret_encrypted', rowId),
  previousSigningSecret: (rowId: string): SealedField =>
    field('previous_signing_secret_encrypted', rowId),
  headers: (rowId: string): SealedField => field('headers_encrypted', rowId),
};

function field(column: string, rowId: string): SealedField {
  return { table: 'event_destinations', column, rowId };
}

/** Custom header values are secrets: stored sealed as one JSON object, `null` when there are none. */
export function sealHeaders(
  box: SecretBox,
  headers: Record<string, string>,
  sealedField: SealedField,
): string | null {
  return Object.keys(headers).length === 0
    ? null
    : box.encrypt(JSON.stringify(headers), sealedField);
}

export function openHeaders(
  box: SecretBox,
  sealed: string | null,
  sealedField: SealedField,
): Record<string, string> {
  return sealed ? (JSON.parse(box.decrypt(sealed, sealedField)) as Record<string, string>) : {};
}
