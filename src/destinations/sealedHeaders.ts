import type { SecretBox } from '../security/encryption';

/** Custom header values are secrets: stored sealed as one JSON object, `null` when there are none. */
export function sealHeaders(box: SecretBox, headers: Record<string, string>): string | null {
  return Object.keys(headers).length === 0 ? null : box.encrypt(JSON.stringify(headers));
}

export function openHeaders(box: SecretBox, sealed: string | null): Record<string, string> {
  return sealed ? (JSON.parse(box.decrypt(sealed)) as Record<string, string>) : {};
}
