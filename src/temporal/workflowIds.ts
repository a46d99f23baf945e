/** Workflow ids are part of the contract (DESIGN §1): operators search for them in Web UI. */
export const workflowIds = {
  eventFanout: (platformId: string, eventId: string) => `event:${platformId}:${eventId}`,
  /** eventFanout in SQL, for events Herald writes itself (events/operational.ts). */
  eventFanoutSql: (platformIdColumn: string, eventIdColumn: string) =>
    `'event:' || ${platformIdColumn} || ':' || ${eventIdColumn}`,
  /** By request time, or by the caller's idempotency key (`key:` keeps the two apart). */
  redelivery: (deliveryId: string, requestedAtOrKey: number | string) =>
    typeof requestedAtOrKey === 'number'
      ? `redeliver:${deliveryId}:${requestedAtOrKey}`
      : `redeliver:${deliveryId}:key:${requestedAtOrKey}`,
  recovery: (destinationId: string, requestedAt: number) =>
    `recover:${destinationId}:${requestedAt}`,
  reconciliation: (stuckWorkflowId: string, requestedAt: number) =>
    `reconcile:${stuckWorkflowId}:${requestedAt}`,
  backfill: (backfillId: string) => `backfill:${backfillId}`,
  testDelivery: (platformId: string, requestId: string) => `test:${platformId}:${requestId}`,
};

export function workflowUiUrl(
  uiBaseUrl: string | undefined,
  namespace: string,
  workflowId: string,
): string | null {
  if (!uiBaseUrl) return null;
  return `${uiBaseUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
