import fs from 'node:fs';
import path from 'node:path';
import { postgresHome } from './state-dir';
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

/** Asks a profile's PostgreSQL to stop ("fast shutdown": SIGINT to the postmaster); true when one was running. */
export function stopPostgres(profile: string): boolean {
  const dataDirs = [
    path.join(postgresHome(), `postgres-${profile}`),
    path.join(postgresHome(), `embedded-${profile}`, 'data'),
  ];
  return dataDirs.map((dir) => signalPidFile(path.join(dir, 'postmaster.pid'), 'SIGINT')).some(Boolean);
}

/** Stops the background services a profile started (data is kept). Returns what was stopped. */
export function stopLocalStack(profile: string): string[] {
  const stopped: string[] = [];
  if (signalPidFile(temporalPidFile(profile), 'SIGTERM')) stopped.push('Temporal dev server');
  if (stopPostgres(profile)) stopped.push('PostgreSQL');
  return stopped;
}
