// Standalone API process: `node apps/api/dist/main.js` with DATABASE_URL (and TEMPORAL_ADDRESS for live progress).
import { Client, Connection } from '@temporalio/client';
import { createDb } from '@cacscreen/db';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const port = Number(process.env.API_PORT ?? 3000);
  const temporal = process.env.TEMPORAL_ADDRESS
    ? new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS }) })
    : undefined;
  const app = await createApiApp({ db: createDb(databaseUrl), temporal });
  await app.listen(port, process.env.API_HOST ?? '127.0.0.1');
  console.log(`cacscreen API on http://127.0.0.1:${port}/api (OpenAPI: /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
