import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/**
 * What Temporal recorded for a sample of event workflows, per delivered event: history events,
 * workflow tasks and activity tasks (local activities are markers inside a workflow task).
 */
export async function engineCostPerEvent(address: string, workflowIds: string[]) {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const totals = { historyEvents: 0, workflowTasks: 0, activityTasks: 0, markers: 0 };
  try {
    for (const workflowId of workflowIds) {
      const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
      for (const event of events ?? []) {
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
  };
}
