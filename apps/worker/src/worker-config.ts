import { decodeBudgetFromEnv, limitsFromEnv, type DecodeBudget, type DicomLimits } from '@cacscreen/dicom';

/** Worker settings, from the environment with defaults that suit one 2-core machine. */
export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  databaseUrl: string;
  /** Concurrent screening activities (I/O and database). */
  screeningConcurrency: number;
  /** Concurrent analyses per inference worker: each holds a volume in memory and uses CPU. */
  inferenceConcurrency: number;
  /** Concurrent workflow tasks on the screening queue. */
  workflowConcurrency: number;
  /** Prefix of both task queue names (see task-queues.ts); empty by default. */
  taskQueuePrefix: string;
  /** Size limits on what a DICOM header may ask for (CACSCREEN_MAX_*). */
  dicomLimits: DicomLimits;
  /** Time and heap one series' read may use in its isolated thread (CACSCREEN_DECODE_*). */
  decodeBudget: DecodeBudget;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function workerConfigFromEnv(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  const databaseUrl = overrides.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  return {
    temporalAddress: overrides.temporalAddress ?? process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: overrides.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
    databaseUrl,
    screeningConcurrency: overrides.screeningConcurrency ?? positiveInt('SCREENING_CONCURRENCY', 8),
    inferenceConcurrency: overrides.inferenceConcurrency ?? positiveInt('INFERENCE_CONCURRENCY', 2),
    workflowConcurrency: overrides.workflowConcurrency ?? positiveInt('WORKFLOW_CONCURRENCY', 40),
    taskQueuePrefix: overrides.taskQueuePrefix ?? process.env.CACSCREEN_TASK_QUEUE_PREFIX ?? '',
    // Read and checked here, at start-up: a bad value stops the worker before it takes any study.
    dicomLimits: overrides.dicomLimits ?? limitsFromEnv(),
    decodeBudget: overrides.decodeBudget ?? decodeBudgetFromEnv(),
  };
}
