import { Client, Connection } from '@temporalio/client';
import { createApiApp } from '@cacscreen/api';
import { createDb } from '@cacscreen/db';
import { startWorkers, workerConfigFromEnv } from '@cacscreen/worker';
import { localAdminApiKey, startLocalStack } from '@cacscreen/local-stack';

export const DEFAULT_API_PORT = 3000;

/** Starts the API on the given port, with a local admin key; returns its URL, the key and a stop function. */
export async function startApi(databaseUrl: string, temporalAddress: string, port: number) {
  const temporal = new Client({ connection: await Connection.connect({ address: temporalAddress }) });
  const admin = localAdminApiKey();
  const app = await createApiApp({ db: createDb(databaseUrl), temporal, config: { adminApiKey: admin.key } });
  await app.listen(port, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, adminKey: admin, stop: () => app.close() };
}

/** Where a person goes next: the page, the OpenAPI UI and the key to use in both. */
export function describeApi(api: { url: string; adminKey: { key: string; file: string | null } }): string[] {
  const where = api.adminKey.file ? ` (kept in ${api.adminKey.file})` : ' (CACSCREEN_ADMIN_API_KEY)';
  return [
    `Worklist page: ${api.url}/app/`,
    `API:          ${api.url}/api   OpenAPI: ${api.url}/docs`,
    `Admin key:    ${api.adminKey.key}${where}`,
  ];
}

/** `cacscreen serve`: the API and both workers against the local stack (or the configured services), until Ctrl+C. */
export async function serveCommand(options: { port: number }): Promise<void> {
  const stack = await startLocalStack('demo');
  const workers = await startWorkers(
    workerConfigFromEnv({ databaseUrl: stack.databaseUrl, temporalAddress: stack.temporalAddress }),
    ['screening', 'inference'],
  );
  const api = await startApi(stack.databaseUrl, stack.temporalAddress, options.port);
  console.log(stack.describe().join('\n'));
  console.log(describeApi(api).join('\n'));
  if (stack.temporalUiUrl) console.log(`Temporal UI: ${stack.temporalUiUrl}`);
  console.log('Workers running on task queues cac-screening and cac-inference. Press Ctrl+C to stop.');
  await waitForInterrupt();
  console.log('\nStopping: finishing in-flight tasks...');
  await api.stop();
  await workers.shutdown();
}

export function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
