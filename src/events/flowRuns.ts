/** The statuses of a run that did not succeed: such a finished run is an ERROR in OTLP formats. */
const FAILED = [
  'FAILED',
  'TIMEOUT',
  'INTERNAL_ERROR',
  'QUOTA_EXCEEDED',
  'MEMORY_LIMIT_EXCEEDED',
  'LOG_SIZE_EXCEEDED',
] as const;

/** Activepieces' flow-run statuses, as `data.flowRun.status` carries them. */
export const FLOW_RUN_STATUSES = [
  'QUEUED',
  'RUNNING',
  'PAUSED',
  'SUCCEEDED',
  ...FAILED,
  'STOPPED',
  'CANCELED',
] as const;

export const FAILED_FLOW_RUN_STATUSES: ReadonlySet<string> = new Set(FAILED);
