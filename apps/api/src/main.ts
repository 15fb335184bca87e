// Standalone API process: `node apps/api/dist/main.js` with DATABASE_URL (and TEMPORAL_ADDRESS for live progress).
import { Client, Connection } from '@temporalio/client';
import { createDb } from '@cacscreen/db';
import { apiServerConfigFromEnv } from './common/api-config';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  // Every variable is checked here, once: a bad one stops the API before it listens, naming all that are wrong.
  const config = apiServerConfigFromEnv();
  const temporal = config.temporalAddress
    ? new Client({ connection: await Connection.connect({ address: config.temporalAddress }) })
    : undefined;
  const app = await createApiApp({ db: createDb(config.databaseUrl), temporal, config: config.app });
  await app.listen(config.port, config.host);
  console.log(`cacscreen API on http://${config.host}:${config.port}/api (OpenAPI: /docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
