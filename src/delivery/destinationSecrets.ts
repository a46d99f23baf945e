import type { DestinationRow } from '../destinations/model';
import { destinationFields, openHeaders } from '../destinations/sealedHeaders';
import type { SecretBox } from '../security/encryption';

/** A destination's sealed secrets opened for one attempt: signing secrets and custom headers. */
export function createDestinationSecrets(secrets: SecretBox) {
  function liveSecrets(
    destination: Pick<
      DestinationRow,
      | 'id'
      | 'signing_secret_encrypted'
      | 'previous_signing_secret_encrypted'
      | 'previous_signing_secret_expires_at'
    >,
    now: Date,
  ): string[] {
    const { id } = destination;
    const current = secrets.decrypt(
      destination.signing_secret_encrypted,
      destinationFields.signingSecret(id),
    );
    const previousLive =
      destination.previous_signing_secret_encrypted !== null &&
      destination.previous_signing_secret_expires_at !== null &&
      destination.previous_signing_secret_expires_at > now;
    return previousLive
      ? [
          current,
          secrets.decrypt(
            destination.previous_signing_secret_encrypted!,
            destinationFields.previousSigningSecret(id),
          ),
        ]
      : [current];
  }

  function customHeaders(
    destination: Pick<DestinationRow, 'id' | 'headers_encrypted'>,
  ): Record<string, string> {
    return openHeaders(
      secrets,
      destination.headers_encrypted,
      destinationFields.headers(destination.id),
    );
  }

  /**
   * A value that does not open was written under another key, or moved from another row or
   * column: nothing is sent, and retrying cannot help.
   */
  function open(
    destination: Parameters<typeof liveSecrets>[0] & Parameters<typeof customHeaders>[0],
    now: Date,
  ): { signingSecrets: string[]; customHeaders: Record<string, string> } | { refused: string } {
    try {
      return {
        signingSecrets: liveSecrets(destination, now),
        customHeaders: customHeaders(destination),
      };
    } catch {
      return {
        refused:
          "refused: the destination's stored secrets do not open with this HERALD_SECRET_KEY for this row; nothing was sent",
      };
    }
  }

  return { liveSecrets, customHeaders, open };
}
