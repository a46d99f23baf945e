import { workflowIds } from '../temporal/workflowIds';

/**
 * Herald's operational events (DESIGN §3): written into the platform's stream by the statement
 * that disables a destination or fails a delivery, so the notice and the change commit together.
 * From there they take the ingest path (the events outbox, one fan-out workflow each) and reach
 * the platform's destinations that subscribe to them — never the destination they concern.
 */
export const OPERATIONAL_EVENT_TYPES = {
  destinationDisabled: 'herald.destination.disabled',
  deliveryFailed: 'herald.delivery.failed',
} as const;

const OPERATIONAL_PREFIX = 'herald.';

/** A platform may subscribe to these, never send them. */
export const isOperationalType = (type: string): boolean => type.startsWith(OPERATIONAL_PREFIX);

/**
 * The subscription join's condition that keeps an operational event away from the destination
 * it is about (`e` the event, `t` the destination), so a failing receiver never feeds itself.
 */
export const NOT_ABOUT_THE_DESTINATION = `NOT (e.type LIKE '${OPERATIONAL_PREFIX}%' AND e.data->>'destinationId' = t.id)`;

/**
 * One operational event per row of `source`: `id` is deterministic (a retried statement inserts
 * it once), the row is due for the outbox relay at once, and the fan-out workflow id is the one
 * every event gets.
 */
function insertOperationalEvents(select: {
  from: string;
  platformId: string;
  type: string;
  eventId: string;
  projectId: string;
  data: string;
}): string {
  const { from, platformId, type, eventId, projectId, data } = select;
  return `INSERT INTO events (platform_id, id, type, project_id, occurred_at, data, workflow_id, start_not_before)
          SELECT notice.platform_id, notice.event_id, '${type}', notice.project_id, now(), notice.data,
                 ${workflowIds.eventFanoutSql('notice.platform_id', 'notice.event_id')}, now()
            FROM (SELECT ${platformId} AS platform_id, ${eventId} AS event_id, ${projectId} AS project_id, ${data} AS data
                    FROM ${from}) AS notice
          ON CONFLICT (platform_id, id) DO NOTHING`;
}

/**
 * `herald.destination.disabled` for each row of `updated` (a CTE over event_destinations
 * returning id, platform_id, project_id, url, enabled, disabled_reason, disabled_at) that this
 * statement disabled. The URL goes without its query string, where a token may ride (cut at
 * chr(63), the question mark: knex reads a bare one as a binding).
 */
export function destinationDisabledNotice(updated: string): string {
  return insertOperationalEvents({
    from: `${updated} WHERE NOT enabled AND disabled_at = now()`,
    platformId: 'platform_id',
    type: OPERATIONAL_EVENT_TYPES.destinationDisabled,
    eventId: `'${OPERATIONAL_EVENT_TYPES.destinationDisabled}:' || id || ':' || CAST(extract(epoch FROM disabled_at) * 1000 AS bigint)`,
    projectId: 'project_id',
    data: `jsonb_build_object('destinationId', id, 'url', split_part(url, chr(63), 1), 'reason', disabled_reason)`,
  });
}

/**
 * `herald.delivery.failed` for each row of `finished` (a CTE over deliveries returning id,
 * platform_id, event_id, destination_id, attempt_count, status) that ended `failed`, with
 * `lastError` (an SQL expression) saying why. A failed delivery of an operational event
 * raises none: two failing destinations must not notify each other without end.
 */
export function deliveryFailedNotice(finished: string, lastError: string): string {
  return insertOperationalEvents({
    from: `${finished} AS d JOIN events AS failed_event
              ON failed_event.platform_id = d.platform_id AND failed_event.id = d.event_id
           WHERE d.status = 'failed' AND failed_event.type NOT LIKE '${OPERATIONAL_PREFIX}%'`,
    platformId: 'd.platform_id',
    type: OPERATIONAL_EVENT_TYPES.deliveryFailed,
    eventId: `'${OPERATIONAL_EVENT_TYPES.deliveryFailed}:' || d.id || ':' || d.attempt_count`,
    projectId: 'failed_event.project_id',
    data: `jsonb_build_object('deliveryId', d.id, 'eventId', d.event_id, 'eventType', failed_event.type,
                              'destinationId', d.destination_id, 'attempts', d.attempt_count,
                              'lastError', ${lastError})`,
  });
}
