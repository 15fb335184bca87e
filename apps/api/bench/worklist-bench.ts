// `npm run bench:api`: seeds 100,000 worklist items into a fresh database and reports p50/p95 latency of the worklist
// query through the HTTP API (auth, validation, query, count and audit write included).
// Uses DATABASE_URL's server when set, else the test-profile PostgreSQL on port 55433 (started if needed).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { Client as PgClient } from 'pg';
import { createApiApp } from '@cacscreen/api';
import { applyMigrations, createDb } from '@cacscreen/db';
import { ensurePostgres } from '@cacscreen/local-stack';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const DATABASE = 'cacscreen_bench';
const KEY = 'bench-admin-key-0123456789abcdefghij';

const QUERIES: Array<[string, string]> = [
  ['queue: active, by priority (first page)', 'status=open,claimed,contacted,scheduled&limit=50'],
  ['all statuses, by priority, page 100', 'limit=50&offset=5000'],
  ['site + age range + tier', 'site=north&minAge=55&maxAge=65&tier=high-priority&limit=50'],
  ['study date range, by score', 'studyFrom=2023-01-01&studyTo=2023-03-31&sort=score&limit=50'],
  ['MRN search', 'mrn=MRN0054321'],
  ['assignee, by due date', 'assignee=coordinator-3&sort=due&limit=50'],
  ['active, by age (oldest first)', 'status=open,claimed,contacted,scheduled&sort=age&limit=50'],
  ['site, by study date (newest first)', 'site=south&sort=studyDate&limit=50'],
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new PgClient({
    connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${DATABASE}` }).toString();
  applyMigrations(url);
  return url;
}

async function seed(url: string): Promise<number> {
  const started = performance.now();
  const sql = fs.readFileSync(path.join(__dirname, 'seed-worklist.sql'), 'utf8').replace(/:n\b/g, String(ITEMS));
  const client = new PgClient({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const postgres = await ensurePostgres({ port: 55433, name: 'test', useEnv: Boolean(process.env.DATABASE_URL) });
  const url = await freshDatabase(postgres.url);
  const seedMs = await seed(url);
  console.log(
    `seeded ${ITEMS.toLocaleString('en')} worklist items (with patients, studies, results, risk) in ${(seedMs / 1000).toFixed(1)} s`,
  );

  const db = createDb(url);
  const app = await createApiApp({ db, config: { adminApiKey: KEY } }, { logger: process.env.BENCH_LOG === '1' });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/worklist`;
  const get = async (query: string) => {
    const response = await fetch(`${base}?${query}`, { headers: { authorization: `Bearer ${KEY}` } });
    if (!response.ok) throw new Error(`${response.status} for ${query}: ${await response.text()}`);
    return (await response.json()) as { total: number };
  };

  console.log(`\n${RUNS} sequential requests per query after 20 warm-up requests (ms):`);
  console.log(
    `${'query'.padEnd(44)} ${'total'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)}`,
  );
  let worstP95 = 0;
  for (const [name, query] of QUERIES) {
    let total = 0;
    for (let i = 0; i < 20; i++) total = (await get(query)).total;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await get(query);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const [p50, p95, max] = [percentile(times, 50), percentile(times, 95), times[times.length - 1]];
    worstP95 = Math.max(worstP95, p95);
    console.log(
      `${name.padEnd(44)} ${String(total).padStart(7)} ${p50.toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${max.toFixed(1).padStart(7)}`,
    );
  }
  console.log(`\nworst p95: ${worstP95.toFixed(1)} ms (target ≤ 100 ms)`);
  await app.close();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
