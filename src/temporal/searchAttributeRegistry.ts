import type { Connection } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { UnavailableError } from '../errors';
import type { Logger } from '../logger';
import { HERALD_SEARCH_ATTRIBUTE_KEYS, operatorCreateCommands } from './searchAttributes';

/** A server that refused the attributes is asked again after this long (an operator may add them). */
const RECHECK_AFTER_MS = 5 * 60_000;
const CALL_DEADLINE_MS = 5_000;

const INDEXED_VALUE_TYPES = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
} as const;

/**
 * Decides whether workflows may carry Herald's search attributes. A workflow started with an
 * attribute the namespace does not know is refused, so Herald registers them when the server
 * lets it (the embedded dev server has them already) and otherwise starts workflows without
 * them rather than refusing events.
 */
export class SearchAttributeRegistry {
  private decided: { enabled: boolean; at: number } | undefined;
  private checking: Promise<boolean> | undefined;

  constructor(
    private readonly connection: Pick<Connection, 'operatorService' | 'withDeadline'>,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  /** The given pairs if the namespace has Herald's attributes, else none; UnavailableError if Temporal does not answer. */
  async forStart(pairs: SearchAttributePair[]): Promise<SearchAttributePair[]> {
    return (await this.enabled()) ? pairs : [];
  }

  /**
   * Decides now, off the caller's path, so the first start does not wait for it; if Temporal is
   * not up yet, the first start decides instead.
   */
  decideEarly(): void {
    this.enabled().catch(() => undefined);
  }

  async enabled(): Promise<boolean> {
    const { decided } = this;
    if (decided && (decided.enabled || Date.now() - decided.at < RECHECK_AFTER_MS)) {
      return decided.enabled;
    }
    this.checking ??= this.check().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async check(): Promise<boolean> {
    const operator = this.connection.operatorService;
    const call = <T>(fn: () => Promise<T>) =>
      this.connection.withDeadline(Date.now() + CALL_DEADLINE_MS, fn);
    let registered: Record<string, unknown>;
    try {
      registered = (await call(() => operator.listSearchAttributes({ namespace: this.namespace })))
        .customAttributes;
    } catch (error) {
      // Temporal is unreachable, so the start would fail too: answer that now (a 503 the
      // client retries) rather than wait for it twice; the next call decides again.
      throw new UnavailableError(
        `Temporal did not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const missing = HERALD_SEARCH_ATTRIBUTE_KEYS.filter((key) => !(key.name in registered));
    if (missing.length > 0) {
      try {
        await call(() =>
          operator.addSearchAttributes({
            namespace: this.namespace,
            searchAttributes: Object.fromEntries(
              missing.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]]),
            ),
          }),
        );
        this.logger.info({ added: missing.map((key) => key.name) }, 'search attributes registered');
      } catch (error) {
        this.logger.warn(
          { err: error, missing: missing.map((key) => key.name) },
          `Temporal refused Herald's search attributes; workflows start without them. Register them with: ${operatorCreateCommands(this.namespace).join(' && ')}`,
        );
        this.decided = { enabled: false, at: Date.now() };
        return false;
      }
    }
    this.decided = { enabled: true, at: Date.now() };
    return true;
  }
}
