import { isDatabaseUnavailable } from '../db/errors';

/** A row of `events` as ingest stores it; `platform_id` and `id` are its key. */
export interface StoredEventRow {
  platform_id: string;
  id: string;
  [column: string]: unknown;
}

/** Inserts rows, skipping any whose key exists, and answers the keys of those it inserted. */
export type InsertEvents = (
  rows: StoredEventRow[],
) => Promise<Pick<StoredEventRow, 'platform_id' | 'id'>[]>;

interface Waiting {
  rows: StoredEventRow[];
  resolve: (insertedIds: Set<string>) => void;
  reject: (error: unknown) => void;
}

export const SHARED_INSERTS = {
  /** Statements in flight at once; the requests that arrive meanwhile wait for the next one. */
  concurrency: 2,
  /** Rows in one statement (a batch request brings up to 100). */
  maxRows: 500,
  /**
   * A call with this many rows already spreads one statement's cost over them: it goes at once
   * in a statement of its own, beside those in flight, rather than wait to share one.
   */
  aloneFromRows: 20,
} as const;

const keyOf = (row: Pick<StoredEventRow, 'platform_id' | 'id'>) =>
  `${row.platform_id}\u0000${row.id}`;

/**
 * Ingest requests that arrive while an INSERT is under way share the next one: under load, one
 * statement, one round trip and one commit serve many requests (each statement cost Postgres
 * and the API more than the rest of a request, PERFORMANCE.md session 12); with nothing under
 * way a request's rows go at once, so an idle API adds no wait.
 *
 * Each call keeps its own answer: an id two calls in one statement both bring is inserted for
 * the first and a duplicate for the second (in two statements, the unique key decides), and a
 * call whose rows Postgres refuses fails alone.
 */
export class SharedInserts {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(private readonly insert: InsertEvents) {}

  /** Stores the rows (keys already stored are skipped); answers the ids this call inserted. */
  add(rows: StoredEventRow[]): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      const call = { rows, resolve, reject };
      if (rows.length >= SHARED_INSERTS.aloneFromRows) {
        void this.store([call]);
        return;
      }
      this.waiting.push(call);
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < SHARED_INSERTS.concurrency && this.waiting.length > 0) {
      const batch = [this.waiting.shift()!];
      let rows = batch[0]!.rows.length;
      while (
        this.waiting.length > 0 &&
        rows + this.waiting[0]!.rows.length <= SHARED_INSERTS.maxRows
      ) {
        rows += this.waiting[0]!.rows.length;
        batch.push(this.waiting.shift()!);
      }
      this.running++;
      void this.store(batch).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async store(batch: Waiting[]): Promise<void> {
    const owner = new Map<string, Waiting>();
    const rows: StoredEventRow[] = [];
    for (const call of batch) {
      for (const row of call.rows) {
        const key = keyOf(row);
        if (owner.has(key)) continue;
        owner.set(key, call);
        rows.push(row);
      }
    }
    let inserted: Pick<StoredEventRow, 'platform_id' | 'id'>[];
    try {
      inserted = await this.insert(rows);
    } catch (error) {
      // Postgres unreachable fails every call alike; anything else may be one call's rows.
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        batch.forEach((call) => call.reject(error));
        return;
      }
      await Promise.all(batch.map((call) => this.store([call])));
      return;
    }
    const insertedBy = new Map(batch.map((call) => [call, new Set<string>()]));
    for (const row of inserted) insertedBy.get(owner.get(keyOf(row))!)!.add(row.id);
    batch.forEach((call) => call.resolve(insertedBy.get(call)!));
  }
}
