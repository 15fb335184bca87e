import { Worker } from 'worker_threads';
import { ResourceBudgetError } from '../errors';
import type { DecodeBudget } from './decode-budget';
import { reviveError, type ThreadAnswer } from './thread-protocol';

/** Idle threads kept warm for the next job: starting one and loading the codecs costs about 200 ms. */
const MAX_IDLE_THREADS = 2;

/**
 * Runs jobs in worker threads under a time and heap budget, one job per thread at a time. A job that runs past
 * either budget has its thread stopped and is rejected with ResourceBudgetError; the calling process (an inference
 * worker, the CLI) carries on. A thread that answered is kept warm for the next job. `entry` is a compiled
 * JavaScript file that calls `serveParent`.
 */
export class ThreadPool<I, O> {
  private readonly idle: Worker[] = [];

  constructor(
    private readonly entry: string,
    private readonly what: string,
  ) {}

  run(input: I, budget: DecodeBudget): Promise<O> {
    const reusable = this.idle.findIndex((w) => w.resourceLimits?.maxOldGenerationSizeMb === budget.heapMib);
    const worker = reusable >= 0 ? this.idle.splice(reusable, 1)[0] : this.spawn(budget);
    worker.ref();
    return new Promise<O>((resolve, reject) => {
      const onMessage = (answer: ThreadAnswer<O>) => {
        finish(true);
        if (answer.ok) resolve(answer.value);
        else reject(reviveError(answer.error));
      };
      const onError = (error: Error & { code?: string }) => {
        finish(false);
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ResourceBudgetError(
                `${this.what} needed more than its ${budget.heapMib} MiB heap (CACSCREEN_DECODE_HEAP_MIB); stopped`,
              )
            : error,
        );
      };
      const onExit = (code: number) => {
        finish(false);
        reject(new Error(`${this.what}: its thread ended (exit code ${code}) without an answer`));
      };
      const timer = setTimeout(() => {
        finish(false);
        const seconds = budget.timeMs / 1000;
        reject(
          new ResourceBudgetError(`${this.what} took longer than ${seconds} s (CACSCREEN_DECODE_TIMEOUT_S); stopped`),
        );
      }, budget.timeMs);
      const finish = (healthy: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (healthy && this.idle.length < MAX_IDLE_THREADS) {
          worker.unref(); // an idle thread never keeps the process alive
          this.idle.push(worker);
        } else {
          // V8 stops a running job at once (TerminateExecution), even inside a loop.
          void worker.terminate();
        }
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(input);
    });
  }

  /** Ends the idle threads (a running job's thread ends with its job). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private spawn(budget: DecodeBudget): Worker {
    // The job's own console output is not wanted (it could hold file paths): its errors come back in its answer.
    return new Worker(this.entry, {
      resourceLimits: { maxOldGenerationSizeMb: budget.heapMib },
      stdout: true,
      stderr: true,
    });
  }
}
