/** Orchestration, archive I/O and database writes. */
export const SCREENING_TASK_QUEUE = 'cac-screening';
/** The CPU/GPU-heavy analysis: its own workers, a low concurrency limit, one warm model per process. */
export const INFERENCE_TASK_QUEUE = 'cac-inference';

export interface TaskQueues {
  screening: string;
  inference: string;
}

/**
 * The task queue names, optionally prefixed (CACSCREEN_TASK_QUEUE_PREFIX) so that several deployments — or test
 * runs — can share one Temporal namespace without taking each other's tasks.
 */
export function taskQueues(prefix = ''): TaskQueues {
  return { screening: `${prefix}${SCREENING_TASK_QUEUE}`, inference: `${prefix}${INFERENCE_TASK_QUEUE}` };
}
