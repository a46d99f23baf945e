/**
 * DESIGN §3 `dataSchema`: JSON Schemas of `data` for the event types whose shape is known (flow
 * runs, users, Herald's own), so receivers can generate types. They describe, never restrict:
 * ingest accepts any object, and every schema allows properties it does not name.
 */
import { FLOW_RUN_STATUSES } from './flowRuns';

type JsonSchema = Record<string, unknown>;

const text = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const flowRun: JsonSchema = {
  type: 'object',
  properties: {
    flowRun: {
      type: 'object',
      properties: {
        id: text,
        flowId: text,
        flowVersionId: text,
        flowDisplayName: text,
        status: { type: 'string', enum: [...FLOW_RUN_STATUSES] },
        startTime: time,
        finishTime: time,
        duration: { type: 'number', description: 'milliseconds' },
        environment: text,
      },
      additionalProperties: true,
    },
  },
  additionalProperties: true,
};

const user: JsonSchema = {
  type: 'object',
  properties: {
    user: {
      type: 'object',
      properties: { id: text, email: text, firstName: text, lastName: text },
      additionalProperties: true,
    },
  },
  additionalProperties: true,
};

const destinationDisabled: JsonSchema = {
  type: 'object',
  properties: { destinationId: text, url: text, reason: text },
  required: ['destinationId', 'url', 'reason'],
};

const deliveryFailed: JsonSchema = {
  type: 'object',
  properties: {
    deliveryId: text,
    eventId: text,
    eventType: text,
    destinationId: text,
    attempts: { type: 'integer' },
    lastError: text,
  },
  required: ['deliveryId', 'eventId', 'eventType', 'destinationId', 'attempts', 'lastError'],
};

export function dataSchemaOf(type: string): JsonSchema | undefined {
  if (type.startsWith('flow.run.')) return flowRun;
  if (type.startsWith('user.')) return user;
  if (type === 'herald.destination.disabled') return destinationDisabled;
  if (type === 'herald.delivery.failed') return deliveryFailed;
  return undefined;
}
