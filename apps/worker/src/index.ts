export * from './workflows/contracts';
export * from './task-queues';
export { startSweep, type StartSweepOptions, type StartedSweep } from './client';
export { startWorkers, type RunningWorkers, type WorkerRole } from './workers';
export { workerConfigFromEnv, type WorkerConfig } from './worker-config';
export { loadLabeller } from './labeller';
