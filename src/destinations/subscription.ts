import type { Knex } from 'knex';
import { NOT_ABOUT_THE_DESTINATION } from '../events/operational';

/**
 * The join of `events as e` to `event_destinations as t` that a destination subscribes to: the
 * event's type is one of its types, its project is its project (or it takes every project), and
 * it is not an operational event about this very destination.
 * Fan-out and backfill both match this way; the filter is checked after, on the envelope.
 */
export function subscribedDestinations(db: Knex): (on: Knex.JoinClause) => void {
  return (on) => {
    on.on('t.platform_id', 'e.platform_id')
      .andOn(db.raw('e.type = ANY(t.events)'))
      .andOn(db.raw('(t.project_id IS NULL OR t.project_id = e.project_id)'))
      .andOn(db.raw(NOT_ABOUT_THE_DESTINATION));
  };
}
