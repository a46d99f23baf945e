/** Workflow ids are part of the contract (DESIGN §1): operators search for them in Web UI. */
export const workflowIds = {
  eventFanout: (platformId: string, eventId: string) => `event:${platformId}:${eventId}`,
  redelivery: (deliveryId: string, requestedAt: number) => `redeliver:${deliveryId}:${requestedAt}`,
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
