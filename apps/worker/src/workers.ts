import { NativeConnection, Runtime, Worker, bundleWorkflowCode, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createDb, createKeyImageStore, Db } from '@cacscreen/db';
import { ArchiveRegistry } from './activities/archive-registry';
import { createInferenceActivities } from './activities/inference-activities';
import { createScreeningActivities } from './activities/screening-activities';
import { taskQueues } from './task-queues';
import type { WorkerConfig } from './worker-config';
import type { InferenceActivities, ScreeningActivities } from './activities/types';
import { loadLabeller } from './labeller';

export type WorkerRole = 'screening' | 'inference';

export interface RunningWorkers {
  /** Resolves when every worker has stopped. */
  done: Promise<void>;
  /** Graceful shutdown: stop polling, finish in-flight tasks, close connections. */
  shutdown(): Promise<void>;
}

let bundlePromise: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow bundle is built once per process and shared by every screening worker in it. */
function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundlePromise ??= bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: quietBundlerLogger });
  return bundlePromise;
}
const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: console.warn,
  error: console.error,
};

let runtimeInstalled = false;

const DB_DISCONNECT_TIMEOUT_MS = 5_000;

/**
 * Closes the database pool, but gives up waiting after `ms`. When a connection dies inside a transaction (PostgreSQL
 * restarting), Prisma 6 does not hand it back to the pool if the COMMIT or ROLLBACK fails, and the pool's close then
 * waits for it forever: a worker must still exit.
 */
async function disconnectWithin(db: Db, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn(
        `[worker] database pool not closed after ${ms} ms (probably a connection lost mid-transaction); exiting anyway`,
      );
      resolve();
    }, ms);
  });
  try {
    await Promise.race([db.$disconnect(), late]);
  } finally {
    clearTimeout(timer);
  }
}

type LogMeta = Record<string, unknown> | undefined;

/**
 * One line per SDK warning, without stack traces or error messages: those can carry file paths, which in some
 * archives contain patient IDs. Failures are stored with their reasons in the database and the Temporal history.
 */
function describeWarning(message: string, meta: LogMeta): string | null {
  // An inference-only worker has no workflows by design; that is not worth a warning.
  if (message.startsWith('No workflows registered')) return null;
  const error = meta?.error as { name?: string; type?: string } | undefined;
  const activity = typeof meta?.activityType === 'string' ? ` ${meta.activityType}` : '';
  const attempt = typeof meta?.attempt === 'number' ? ` (attempt ${meta.attempt})` : '';
  const kind = error ? `: ${error.type ?? error.name ?? 'error'}` : '';
  return `[temporal] ${message}${activity}${attempt}${kind}`;
}

/** Keeps the SDK's own logging to short warnings, so progress output stays readable (and PHI-free). */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const warn = (message: string, meta?: LogMeta) => {
    const line = describeWarning(message, meta);
    if (line) console.warn(line);
  };
  try {
    Runtime.install({
      logger: {
        log: (level, message, meta) => (level === 'WARN' || level === 'ERROR' ? warn(message, meta) : undefined),
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn,
        error: warn,
      },
    });
  } catch {
    // A runtime already exists in this process (e.g. tests); keep it.
  }
}

/** Starts the workers for the given roles in this process: screening (workflows + I/O) and/or inference. */
/**
 * Activity implementations to use instead of the real ones: for orchestration tests and benchmarks that measure
 * Temporal alone (never for production).
 */
export interface ActivityOverrides {
  screening?: ScreeningActivities;
  inference?: InferenceActivities;
}

export async function startWorkers(
  config: WorkerConfig,
  roles: WorkerRole[],
  overrides: ActivityOverrides = {},
): Promise<RunningWorkers> {
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const db: Db = createDb(config.databaseUrl);
  const archives = new ArchiveRegistry();
  const workers: Worker[] = [];
  const queues = taskQueues(config.taskQueuePrefix);

  if (roles.includes('screening')) {
    workers.push(
      await Worker.create({
        connection,
        namespace: config.namespace,
        taskQueue: queues.screening,
        workflowBundle: await workflowBundle(),
        activities: overrides.screening ?? createScreeningActivities({ db, archives }),
        maxConcurrentActivityTaskExecutions: config.screeningConcurrency,
        maxConcurrentWorkflowTaskExecutions: config.workflowConcurrency,
      }),
    );
  }
  if (roles.includes('inference')) {
    const activities =
      overrides.inference ??
      createInferenceActivities({
        archives,
        labeller: await loadLabeller(),
        keyImages: createKeyImageStore(db),
        reading: { limits: config.dicomLimits, budget: config.decodeBudget },
      });
    workers.push(
      await Worker.create({
        connection,
        namespace: config.namespace,
        taskQueue: queues.inference,
        activities,
        maxConcurrentActivityTaskExecutions: config.inferenceConcurrency,
      }),
    );
  }

  const done = Promise.all(workers.map((worker) => worker.run())).then(async () => {
    await disconnectWithin(db, DB_DISCONNECT_TIMEOUT_MS);
    await connection.close();
  });
  return {
    done,
    shutdown: async () => {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
