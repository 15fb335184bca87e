import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Applies the committed migrations (`prisma migrate deploy`); safe to run on every start. */
export function applyMigrations(databaseUrl: string): void {
  const script = path.resolve(__dirname, '..', 'scripts', 'prisma.js');
  const result = spawnSync(process.execPath, [script, 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`database migration failed: ${(result.stdout + result.stderr).trim()}`);
  }
}
