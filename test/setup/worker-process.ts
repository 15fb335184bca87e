import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const WORKER_MAIN = path.resolve(__dirname, '..', '..', 'apps', 'worker', 'dist', 'main.js');

/** A worker in its own OS process (so a test can SIGKILL it), running the compiled worker (`npm run build`). */
export function spawnWorkerProcess(
  role: 'screening' | 'inference',
  env: { databaseUrl: string; temporalAddress: string; taskQueuePrefix: string },
): ChildProcess {
  if (!fs.existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [WORKER_MAIN, role], {
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      TEMPORAL_ADDRESS: env.temporalAddress,
      CACSCREEN_TASK_QUEUE_PREFIX: env.taskQueuePrefix,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

export function waitForExit(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}
