import { whileDatabaseUnavailable } from '../db/patience';
import type { SecretBox } from '../security/encryption';
import { createDestinationSecrets } from './destinationSecrets';
import type { AttemptLimits, AttemptOutcome } from '../temporal/contracts';
import type { Logger } from '../logger';
import { statusClassOf, type Metrics } from '../metrics';
import { judge } from './judgement';
import { createDeferrals } from './deferrals';
import { FAIR_SHARE, type Admission, type FairShare, type ShareRequest } from './fairness';
import type { SendOutcome } from './hangingReceivers';
import type { HttpSender, SendResult } from './httpSender';
import { outboundHeaders } from './outbound';
import { renderFor, type DestinationFormat, type RenderedBody } from './formats';
import { envelopeOf, type EventEnvelope } from './payload';
import { redactEnvelope } from '../destinations/redact';
import { targetToAttempt, type AttemptTarget } from './attemptTarget';
import type { DeliveryRepository } from './repository';
import { inSpan, type Span } from '../telemetry/spans';

export interface DelivererOptions {
  repository: DeliveryRepository;
  sender: HttpSender;
  secrets: SecretBox;
  fairShare: FairShare;
  /** HERALD_AUTO_DISABLE_AFTER, and the reason a destination disabled that way shows. */
  autoDisableAfterMs: number;
  autoDisabledReason: string;
  /** HERALD_OTLP_SERVICE_NAME: `service.name` of OTLP-format deliveries. */
  otlpServiceName: string;
  metrics: Metrics;
  logger: Logger;
}

/** What the caller of one attempt decides: its fair-share wait, its cancellation, its patience. */
export interface AttemptContext {
  /** This attempt's tries so far and how long it may wait for its fair share. */
  share: Pick<ShareRequest, 'tries' | 'maxWaitMs'>;
  /** Aborts the request: Temporal gave up on the activity, so it must stop sending. */
  signal?: AbortSignal;
  /**
   * Epoch ms until which a call to an unreachable Postgres is tried again: before the send
   * (leaving time for it), and after it (to record what was sent).
   */
  databaseUntil: { beforeSend: number; afterSend: number };
}

/** A first attempt (in a workflow's first task, or from the outbox): it waits little in line. */
export function firstAttemptContext(
  databaseUntil: AttemptContext['databaseUntil'],
): AttemptContext {
  return { share: { tries: 1, maxWaitMs: FAIR_SHARE.firstTaskWaitMs }, databaseUntil };
}

/** An attempt made in a workflow's first task: it waits little for anything. */
export function firstTaskAttemptContext(limits: AttemptLimits, budgetMs: number): AttemptContext {
  const until = Date.now() + budgetMs;
  return firstAttemptContext({ beforeSend: until - limits.attemptTimeoutMs, afterSend: until });
}

/** How long a call before the send waits out an unreachable Postgres, and what stops it. */
const beforeSendOf = ({ databaseUntil, signal }: AttemptContext) => ({
  until: databaseUntil.beforeSend,
  ...(signal ? { signal } : {}),
});

/** A timeout Temporal caused (cancelling the attempt) says nothing about the receiver. */
function sendOutcomeOf(result: SendResult | undefined, signal?: AbortSignal): SendOutcome {
  if (result === undefined || result.kind === 'refused') return 'unsent';
  const timedOut = result.kind === 'error' && result.code === 'timeout' && !signal?.aborted;
  return timedOut ? 'timed-out' : 'ended';
}

/** One attempt of one delivery: read everything afresh, sign, send, classify, record. */
export function createDeliverer(options: DelivererOptions) {
  const { repository, sender, secrets, metrics, logger } = options;

  const destinationSecrets = createDestinationSecrets(secrets);
  const { deferred, putOffNow } = createDeferrals(options.fairShare, metrics);

  /** The body of `envelope` in `format`, as it goes on the wire (formats/). */
  function render(format: DestinationFormat, envelope: EventEnvelope, receivedAt: Date) {
    return renderFor(format, envelope, { receivedAt, serviceName: options.otlpServiceName });
  }

  async function sendSigned(request: {
    url: string;
    webhookId: string;
    rendered: RenderedBody;
    signingSecrets: string[];
    customHeaders: Record<string, string>;
    now: Date;
    timeoutMs: number;
    signal?: AbortSignal;
  }): Promise<SendResult> {
    const { rendered } = request;
    return sender.send({
      url: request.url,
      body: rendered.body,
      timeoutMs: request.timeoutMs,
      ...(request.signal ? { signal: request.signal } : {}),
      headers: outboundHeaders({
        webhookId: request.webhookId,
        signedPayload: rendered.signedPayload,
        contentType: rendered.contentType,
        ...(rendered.contentEncoding ? { contentEncoding: rendered.contentEncoding } : {}),
        secrets: request.signingSecrets,
        customHeaders: request.customHeaders,
        now: request.now,
      }),
    });
  }

  /**
   * Database calls wait out an unreachable Postgres (context.databaseUntil) instead of failing
   * the attempt: only the receiver's answer may move the delivery's retry schedule.
   */
  function attempt(
    deliveryId: string,
    limits: AttemptLimits,
    context: AttemptContext,
  ): Promise<AttemptOutcome> {
    return inSpan(
      'herald.delivery.attempt',
      { attributes: { 'herald.delivery.id': deliveryId } },
      async (span) => {
        const outcome = await attemptIn(span, deliveryId, limits, context);
        span.setAttribute(
          'herald.delivery.result',
          outcome.kind === 'final' ? outcome.status : 'retry',
        );
        return outcome;
      },
    );
  }

  /** The attempt inside its span, which gets ids and the answer: never a URL, header or body. */
  async function attemptIn(
    span: Span,
    deliveryId: string,
    limits: AttemptLimits,
    context: AttemptContext,
  ): Promise<AttemptOutcome> {
    const target = await targetToAttempt(repository, deliveryId, beforeSendOf(context));
    if ('kind' in target) return target;
    const { event, destination } = target;
    span.setAttributes({
      'herald.platform.id': event.platform_id,
      'herald.event.id': event.id,
      'herald.event.type': event.type,
      'herald.destination.id': destination.id,
    });
    const share: ShareRequest = {
      platformId: event.platform_id,
      destinationId: destination.id,
      origin: new URL(destination.url).origin,
      attemptTimeoutMs: limits.attemptTimeoutMs,
      ...context.share,
    };
    const atOnce = options.fairShare.admitAtOnce(share);
    if (atOnce && 'refused' in atOnce) return deferred(atOnce.refused);
    if (atOnce)
      return attemptAdmitted(span, deliveryId, target, { share, ...atOnce }, limits, context);
    return attemptAfterItsTurn(span, deliveryId, share, limits, context);
  }

  /**
   * A platform may have hundreds of attempts waiting their turn, each event up to 256 KiB: one
   * that waits holds none of it, and reads the delivery afresh when admitted (it may have been
   * cancelled meanwhile).
   */
  async function attemptAfterItsTurn(
    span: Span,
    deliveryId: string,
    share: ShareRequest,
    limits: AttemptLimits,
    context: AttemptContext,
  ): Promise<AttemptOutcome> {
    const admitted = await options.fairShare.admit(share);
    if ('refused' in admitted) return deferred(admitted.refused);
    let target: AttemptTarget | AttemptOutcome;
    try {
      target = await targetToAttempt(repository, deliveryId, beforeSendOf(context));
    } catch (error) {
      admitted.release('unsent');
      throw error;
    }
    if ('kind' in target) {
      admitted.release('unsent');
      return target;
    }
    return attemptAdmitted(span, deliveryId, target, { share, ...admitted }, limits, context);
  }

  /** Send, judge the answer, record the attempt. */
  async function attemptAdmitted(
    span: Span,
    deliveryId: string,
    { event, destination }: AttemptTarget,
    admitted: Extract<Admission, { release: unknown }> & { share: ShareRequest },
    limits: AttemptLimits,
    context: AttemptContext,
  ): Promise<AttemptOutcome> {
    const { signal, databaseUntil } = context;
    if (signal?.aborted) {
      admitted.release('unsent');
      return { kind: 'retry', reason: 'cancelled by Temporal before sending; nothing sent' };
    }
    const startedAt = new Date();
    const opened = destinationSecrets.open(destination, startedAt);
    let result: SendResult | undefined;
    let sent: SendOutcome | undefined;
    try {
      result =
        'refused' in opened
          ? { kind: 'refused', error: opened.refused, durationMs: 0 }
          : await sendSigned({
              url: destination.url,
              webhookId: event.id,
              rendered: render(
                destination.format,
                redactEnvelope(envelopeOf(event), destination.redact),
                event.received_at,
              ),
              ...opened,
              now: startedAt,
              timeoutMs: limits.attemptTimeoutMs,
              ...(signal ? { signal } : {}),
            });
    } finally {
      sent = sendOutcomeOf(result, signal);
      admitted.release(sent);
    }
    const judged = judge(result, limits.maxRetryIntervalMs, destination.format);
    // Its receiver's pause begins once it is told of this timeout (the release above).
    const outcome =
      sent === 'timed-out' ? pausedAfter(judged.outcome, admitted.share) : judged.outcome;
    const finalStatus = judged.outcome.kind === 'final' ? judged.outcome.status : undefined;
    // Recording what was sent outlasts a cancellation: the attempt happened either way.
    const { attempt } = await whileDatabaseUnavailable(
      () =>
        repository.recordAttempt(
          { deliveryId, destinationId: destination.id },
          {
            startedAt,
            durationMs: result.durationMs,
            succeeded: finalStatus === 'succeeded',
            ...judged.record,
          },
          {
            autoDisableAfterMs: options.autoDisableAfterMs,
            disabledReason: options.autoDisabledReason,
            ...(judged.label === 'gone' ? { goneReason: 'The endpoint answered 410 Gone.' } : {}),
          },
          finalStatus,
        ),
      { until: databaseUntil.afterSend },
    );
    const { statusCode } = judged.record;
    span.setAttributes({
      'herald.delivery.attempt': attempt,
      'herald.delivery.outcome': judged.label,
      ...(statusCode === undefined ? {} : { 'http.response.status_code': statusCode }),
      ...(judged.record.errorCode ? { 'error.type': judged.record.errorCode } : {}),
    });
    const statusClass = statusClassOf({ statusCode, refused: result.kind === 'refused' });
    metrics.deliveryAttempts.inc({ status_class: statusClass, outcome: judged.label });
    metrics.deliveryAttemptDuration.observe(
      { status_class: statusClass },
      result.durationMs / 1000,
    );
    // Ids, status and timing only: never a URL (it may carry a token), header or body.
    logger.info(
      {
        eventId: event.id,
        destinationId: destination.id,
        deliveryId,
        attempt,
        statusCode,
        outcome: judged.label,
        durationMs: result.durationMs,
        ...(judged.record.error === undefined ? {} : { error: judged.record.error }),
      },
      'delivery attempt',
    );
    return outcome;
  }

  /** A timeout may have paused its receiver (it counts towards the pause): say for how long. */
  function pausedAfter(outcome: AttemptOutcome, share: ShareRequest): AttemptOutcome {
    if (outcome.kind !== 'retry') return outcome;
    const paused = options.fairShare.putOff(share);
    return paused ? { ...outcome, receiverPausedMs: paused.retryAfterMs } : outcome;
  }

  return {
    attempt,
    putOffNow,
    render,
    sendSigned,
    customHeaders: destinationSecrets.customHeaders,
    liveSecrets: destinationSecrets.liveSecrets,
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
