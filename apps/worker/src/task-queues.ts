/** Orchestration, archive I/O and database writes. */
export const SCREENING_TASK_QUEUE = 'cac-screening';
/** The CPU/GPU-heavy analysis: its own workers, a low concurrency limit, one warm model per process. */
export const INFERENCE_TASK_QUEUE = 'cac-inference';
