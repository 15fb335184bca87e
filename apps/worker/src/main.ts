// A worker process: `node apps/worker/dist/main.js [screening|inference|all]` (default: WORKER_ROLES or all).
// Settings come from the environment (see worker-config.ts); SIGINT/SIGTERM finish in-flight tasks, then exit.
import { startWorkers, WorkerRole } from './workers';
import { workerConfigFromEnv } from './worker-config';

const ROLES: Record<string, WorkerRole[]> = {
  screening: ['screening'],
  inference: ['inference'],
  all: ['screening', 'inference'],
};

async function main(): Promise<void> {
  const roleName = process.argv[2] ?? process.env.WORKER_ROLES ?? 'all';
  const roles = ROLES[roleName];
  if (!roles) throw new Error(`unknown worker role "${roleName}"; use screening, inference or all`);
  const config = workerConfigFromEnv();
  const workers = await startWorkers(config, roles);
  console.log(`cacscreen worker (${roleName}) connected to ${config.temporalAddress}`);
  // The Temporal runtime shuts workers down gracefully on SIGINT/SIGTERM; `done` resolves when they have stopped.
  await workers.done;
  console.log('cacscreen worker stopped');
}

main().catch((error: unknown) => {
  console.error(`cacscreen worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
