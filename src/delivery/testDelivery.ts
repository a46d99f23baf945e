import type { Database } from '../db/knex';
import type { DestinationRow } from '../destinations/model';
import { openHeaders } from '../destinations/sealedHeaders';
import { newSigningSecret } from '../destinations/signingSecret';
import { sampleEnvelope } from '../events/samples';
import { newId } from '../ids';
import type { SecretBox } from '../security/encryption';
import type { TestDeliveryInput, TestDeliveryResult } from '../temporal/contracts';
import { classifyResponse } from './classify';
import type { Deliverer } from './deliverer';
import { renderBody } from './payload';

/** One signed attempt with a sample event; nothing is recorded and nothing is retried. */
export async function runTestDelivery(
  input: TestDeliveryInput,
  deps: { db: Database; deliverer: Deliverer; secrets: SecretBox },
): Promise<TestDeliveryResult> {
  const now = new Date();
  const body = renderBody(
    sampleEnvelope({ id: newId('evt'), type: input.eventType, platformId: input.platformId, now }),
  );
  const target = await resolveTarget(input, deps, now);
  if (!target)
    return {
      ok: false,
      durationMs: 0,
      error: 'the destination no longer exists',
      renderedBody: body,
    };

  const result = await deps.deliverer.sendSigned({
    ...target,
    webhookId: JSON.parse(body).id,
    body,
    now,
    timeoutMs: input.attemptTimeoutMs,
  });
  if (result.kind !== 'response') {
    return { ok: false, durationMs: result.durationMs, error: result.error, renderedBody: body };
  }
  const verdict = classifyResponse(result.statusCode, result.retryAfter, { now, maxIntervalMs: 0 });
  return {
    ok: verdict.kind === 'succeeded',
    status: result.statusCode,
    durationMs: result.durationMs,
    ...(verdict.kind === 'succeeded' ? {} : { error: `receiver answered ${result.statusCode}` }),
    renderedBody: body,
  };
}

async function resolveTarget(
  input: TestDeliveryInput,
  deps: { db: Database; deliverer: Deliverer; secrets: SecretBox },
  now: Date,
) {
  const { target } = input;
  if (target.kind === 'url') {
    return {
      url: target.url,
      // An ad-hoc URL has no secret of its own; a throwaway one shows the signature headers.
      signingSecrets: [newSigningSecret()],
      customHeaders: openHeaders(deps.secrets, target.sealedHeaders),
    };
  }
  const destination = await deps
    .db<DestinationRow>('event_destinations')
    .where({ id: target.destinationId, platform_id: target.platformId })
    .whereNull('deleted_at')
    .first();
  if (!destination) return undefined;
  return {
    url: destination.url,
    signingSecrets: deps.deliverer.liveSecrets(destination, now),
    customHeaders: deps.deliverer.customHeaders(destination),
  };
}
