import type { LocalStack } from '../../apps/cli/src/local-stack';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __cacscreenStack?: LocalStack }).__cacscreenStack;
  await stack?.stop();
}
