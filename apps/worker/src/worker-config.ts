import { availableParallelism } from 'node:os';
import {
  decodeBudgetFromEnv,
  decodeThreadsFromEnv,
  limitsFromEnv,
  type DecodeBudget,
  type DicomLimits,
} from '@cacscreen/dicom';

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
  /**
   * Threads sharing one series' pixel pass: CACSCREEN_DECODE_THREADS, else the cores left to each concurrent
   * analysis (2 cores, 2 analyses: 1, as the analyses already fill the cores).
   */
  decodeThreads: number;
  /**
   * Analyse in warm worker threads (anatomy and baseline labellers): CACSCREEN_ANALYSIS_THREADS, `on` or `off`
   * (default: label in the worker's main thread, the read alone isolated). Off by default because on 2 cores it gave
   * 12–19 % fewer studies per hour, and because in a thread the decode time budget covers the whole analysis, not
   * only the read. docs/operations.md has the trade-off.
   */
  analysisThreads: boolean;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function onOff(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'on' && raw !== 'off') throw new Error(`${name} must be on or off, got "${raw}"`);
  return raw === 'on';
}

export function workerConfigFromEnv(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  const databaseUrl = overrides.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const inferenceConcurrency = overrides.inferenceConcurrency ?? positiveInt('INFERENCE_CONCURRENCY', 2);
  return {
    temporalAddress: overrides.temporalAddress ?? process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: overrides.namespace ?? process.env.TEMPORAL_NAMESPACE ?? 'default',
    databaseUrl,
    screeningConcurrency: overrides.screeningConcurrency ?? positiveInt('SCREENING_CONCURRENCY', 8),
    inferenceConcurrency,
    workflowConcurrency: overrides.workflowConcurrency ?? positiveInt('WORKFLOW_CONCURRENCY', 40),
    taskQueuePrefix: overrides.taskQueuePrefix ?? process.env.CACSCREEN_TASK_QUEUE_PREFIX ?? '',
    // Read and checked here, at start-up: a bad value stops the worker before it takes any study.
    dicomLimits: overrides.dicomLimits ?? limitsFromEnv(),
    decodeBudget: overrides.decodeBudget ?? decodeBudgetFromEnv(),
    decodeThreads:
      overrides.decodeThreads ??
      (process.env.CACSCREEN_DECODE_THREADS
        ? decodeThreadsFromEnv()
        : Math.max(1, Math.floor(Math.min(availableParallelism(), 4) / inferenceConcurrency))),
    analysisThreads: overrides.analysisThreads ?? onOff('CACSCREEN_ANALYSIS_THREADS', false),
  };
}
