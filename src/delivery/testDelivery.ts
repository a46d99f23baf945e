import { liveDestinations } from '../destinations/live';
import type { Database } from '../db/knex';
import { newSigningSecret } from '../destinations/signingSecret';
import { sampleEnvelope } from '../events/samples';
import { newId } from '../ids';
import type { TestDeliveryInput, TestDeliveryResult } from '../temporal/contracts';
import { classifyResponse } from './classify';
import type { Deliverer } from './deliverer';
import { redactEnvelope } from '../destinations/redact';
import type { TestRequests } from './testRequests';

export interface TestDeliveryDeps {
  db: Database;
  deliverer: Deliverer;
  testRequests: TestRequests;
}

/** One signed attempt with a sample event; nothing is recorded and nothing is retried. */
export async function runTestDelivery(
  input: TestDeliveryInput,
  deps: TestDeliveryDeps,
): Promise<TestDeliveryResult> {
  const now = new Date();
  const envelope = sampleEnvelope({
    id: newId('evt'),
    type: input.eventType,
    platformId: input.platformId,
    now,
  });
  const target = await resolveTarget(input, deps, now);
  // A destination's test shows what it would really get: its format, its redacted paths gone.
  const redacted = redactEnvelope(envelope, target?.redact ?? []);
  const format = input.format ?? target?.format ?? 'webhook';
  const rendered = deps.deliverer.render(format, redacted, now);
  // Protobuf is shown as the same request in OTLP JSON: bytes would say nothing to a person.
  const renderedBody = (
    format === 'otlp-protobuf' ? deps.deliverer.render('otlp-json', redacted, now) : rendered
  ).signedPayload.toString('utf8');
  if (!target)
    return {
      ok: false,
      durationMs: 0,
      error: 'the destination or test request no longer exists for this platform',
      renderedBody,
    };

  const { redact: _redacted, format: _format, ...request } = target;
  const result = await deps.deliverer.sendSigned({
    ...request,
    webhookId: envelope.id,
    rendered,
    now,
    timeoutMs: input.attemptTimeoutMs,
  });
  if (result.kind !== 'response') {
    return {
      ok: false,
      durationMs: result.durationMs,
      error: result.error,
      errorCode: result.kind === 'refused' ? 'blocked' : result.code,
      renderedBody,
    };
  }
  const verdict = classifyResponse(result.statusCode, result.retryAfter, {
    now,
    maxIntervalMs: 0,
    format,
    body: result.bodyBytes,
  });
  return {
    ok: verdict.kind === 'succeeded',
    status: result.statusCode,
    durationMs: result.durationMs,
    ...(verdict.kind === 'succeeded'
      ? {}
      : {
          error:
            verdict.kind === 'rejected' ? verdict.reason : `receiver answered ${result.statusCode}`,
          errorCode: 'http-status' as const,
        }),
    renderedBody,
  };
}

/** What to send where, loaded for the input's platform only; ids are all the input carries. */
async function resolveTarget(input: TestDeliveryInput, deps: TestDeliveryDeps, now: Date) {
  const { target, platformId } = input;
  if (target.kind === 'request') {
    const request = await deps.testRequests.load(platformId, target.requestId);
    if (!request) return undefined;
    return {
      url: request.url,
      // An ad-hoc URL has no secret of its own; a throwaway one shows the signature headers.
      signingSecrets: [newSigningSecret()],
      customHeaders: request.headers,
      redact: [],
      format: undefined,
    };
  }
  // An input of another shape (an older Herald's, or one forged in Temporal) sends nothing.
  if (target.kind !== 'destination') return undefined;
  const destination = await liveDestinations(deps.db, platformId)
    .andWhere({ id: target.destinationId })
    .first();
  if (!destination) return undefined;
  return {
    url: destination.url,
    signingSecrets: deps.deliverer.liveSecrets(destination, now),
    customHeaders: deps.deliverer.customHeaders(destination),
    redact: destination.redact,
    format: destination.format,
  };
}
