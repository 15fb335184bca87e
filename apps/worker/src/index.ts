export * from './workflows/contracts';
export * from './task-queues';
export { startSweep, sweepInput, DEFAULT_MAX_IN_FLIGHT, DEFAULT_PAGE_SIZE, type StartSweepOptions } from './client';
export { startWorkers, type ActivityOverrides, type RunningWorkers, type WorkerRole } from './workers';
export type * from './activities/types';
export { workerConfigFromEnv, type WorkerConfig } from './worker-config';
export { loadLabeller, labellerVersion, defaultLabellerName, LABELLER_NAMES } from './labeller';
export { ensureNightlySweepSchedule, nightlyScheduleId, type NightlySweepOptions } from './schedules';
export { sweepArchive, screenStudy } from './workflows';
