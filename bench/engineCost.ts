import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;
/** gRPC's NOT_FOUND, which fetchHistory passes through unwrapped. */
const GRPC_NOT_FOUND = 5;

/**
 * What Temporal recorded for a sample of event workflows, per delivered event: history events,
 * workflow tasks and activity tasks (local activities are markers inside a workflow task). An
 * event with no workflow (HERALD_FIRST_ATTEMPT=outbox, delivered first time) cost it nothing.
 */
export async function engineCostPerEvent(address: string, workflowIds: string[]) {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const totals = {
    historyEvents: 0,
    workflowTasks: 0,
    activityTasks: 0,
    markers: 0,
    withoutWorkflow: 0,
  };
  try {
    for (const workflowId of workflowIds) {
      const history = await client.workflow
        .getHandle(workflowId)
        .fetchHistory()
        .catch((error: unknown) => {
          if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return { events: [] };
          throw error;
        });
      if (history.events?.length === 0) totals.withoutWorkflow++;
      for (const event of history.events ?? []) {
        totals.historyEvents++;
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
          totals.workflowTasks++;
        if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
          totals.activityTasks++;
        if (event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED) totals.markers++;
      }
    }
  } finally {
    await connection.close();
  }
  const per = (count: number) => Math.round((count / workflowIds.length) * 100) / 100;
  return {
    sampledWorkflows: workflowIds.length,
    historyEvents: per(totals.historyEvents),
    workflowTasks: per(totals.workflowTasks),
    activityTasks: per(totals.activityTasks),
    markers: per(totals.markers),
    eventsWithoutWorkflow: totals.withoutWorkflow,
  };
}
