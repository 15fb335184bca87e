// Starts the real services the end-to-end tests need (PostgreSQL, Temporal dev server) once per test run.
// Each test file then creates its own database (see ./services.ts).
import { startLocalStack } from '@cacscreen/local-stack';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack('test');
  process.env.CACSCREEN_TEST_POSTGRES_URL = stack.databaseUrl;
  process.env.CACSCREEN_TEST_TEMPORAL_ADDRESS = stack.temporalAddress;
  console.log(`\n[e2e] services ready in ${Date.now() - started} ms: ${stack.describe().join('; ')}`);
}
