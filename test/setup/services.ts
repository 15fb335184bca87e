import { Client as PgClient } from 'pg';
import { applyMigrations, createDb, Db } from '@cacscreen/db';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through jest (test/setup/global-setup.ts)`);
  return value;
}

export const temporalAddress = (): string => required('CACSCREEN_TEST_TEMPORAL_ADDRESS');

/** A new, migrated database for one test file, so tests never see each other's rows. */
export async function freshDatabase(name: string): Promise<{ url: string; db: Db }> {
  const serverUrl = new URL(required('CACSCREEN_TEST_POSTGRES_URL'));
  const admin = new PgClient({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
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
