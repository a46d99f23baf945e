/**
 * Herald's custom search attributes: operators filter workflows by platform and event type in
 * Temporal Web UI and `temporal workflow list --query`. Workflows import the keys from here, so
 * this module stays free of I/O.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const heraldSearchAttributes = {
  platformId: defineSearchAttributeKey('HeraldPlatformId', SearchAttributeType.KEYWORD),
  eventType: defineSearchAttributeKey('HeraldEventType', SearchAttributeType.KEYWORD),
  destinationCount: defineSearchAttributeKey('HeraldDestinationCount', SearchAttributeType.INT),
} as const;

export const HERALD_SEARCH_ATTRIBUTE_KEYS = Object.values(heraldSearchAttributes);

const CLI_TYPES = { KEYWORD: 'Keyword', INT: 'Int' } as const;

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function devServerSearchAttributeFlags(): string[] {
  return HERALD_SEARCH_ATTRIBUTE_KEYS.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${CLI_TYPES[key.type]}`,
  ]);
}

/** The operator CLI commands that register the attributes on a Temporal cluster (one per type). */
export function operatorCreateCommands(namespace: string): string[] {
  return Object.entries(CLI_TYPES).map(([type, cliType]) => {
    const names = HERALD_SEARCH_ATTRIBUTE_KEYS.filter((key) => key.type === type)
      .map((key) => `--name ${key.name}`)
      .join(' ');
    return `temporal operator search-attribute create --namespace ${namespace} ${names} --type ${cliType}`;
  });
}
