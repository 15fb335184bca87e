import { Client as PgClient } from 'pg';
import { applyMigrations, createDb, Db } from '@cacscreen/db';
import { ensurePostgres, isPortOpen, STACK_PROFILES, stopPostgres } from '@cacscreen/local-stack';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through jest (test/setup/global-setup.ts)`);
  return value;
}

export const temporalAddress = (): string => required('CACSCREEN_TEST_TEMPORAL_ADDRESS');

/**
 * A task-queue prefix unique to one test and process: test runs sharing the Temporal server never run each
 * other's activities (which would write to the wrong database).
 */
export const uniqueTaskQueuePrefix = (name: string): string => `test-${name}-${process.pid}-${Date.now()}-`;

/** A new, migrated database for one test file, so tests never see each other's rows. */
export async function freshDatabase(name: string): Promise<{ url: string; db: Db }> {
  const serverUrl = new URL(required('CACSCREEN_TEST_POSTGRES_URL'));
  const admin = new PgClient({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  applyMigrations(url);
  return { url, db: createDb(url) };
}

/** Stops the tests' PostgreSQL, waits `downMs`, and starts it again (fault-injection tests). */
export async function restartTestPostgres(downMs: number): Promise<void> {
  const port = STACK_PROFILES.test.postgresPort;
  if (!stopPostgres('test')) throw new Error('the test PostgreSQL was not started by this checkout; cannot restart it');
  const deadline = Date.now() + 30_000;
  while ((await isPortOpen(port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, downMs));
  await ensurePostgres({ port, name: 'test', useEnv: false });
}
