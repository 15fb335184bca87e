import fs from 'node:fs';
import path from 'node:path';
import { stateDir } from './state-dir';
import { temporalPidFile } from './temporal';

function signalPidFile(file: string, signal: NodeJS.Signals): boolean {
  if (!fs.existsSync(file)) return false;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // not running any more
  } finally {
    if (!file.endsWith('postmaster.pid')) fs.rmSync(file, { force: true });
  }
}

/** Stops the background services a profile started (data is kept). Returns what was stopped. */
export function stopLocalStack(profile: string): string[] {
  const stopped: string[] = [];
  if (signalPidFile(temporalPidFile(profile), 'SIGTERM')) stopped.push('Temporal dev server');
  // SIGINT is PostgreSQL's "fast shutdown"; the pid file is the postmaster's own.
  for (const dataDir of [path.join(stateDir(), `postgres-${profile}`), path.join(stateDir(), `embedded-${profile}`, 'data')]) {
    if (signalPidFile(path.join(dataDir, 'postmaster.pid'), 'SIGINT')) stopped.push('PostgreSQL');
  }
  return stopped;
}
