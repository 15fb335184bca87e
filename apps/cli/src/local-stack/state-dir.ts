import fs from 'node:fs';
import path from 'node:path';

/** Where the local stack keeps its data and logs: CACSCREEN_HOME, else .cacscreen/ at the repository root. */
export function stateDir(...parts: string[]): string {
  const root = process.env.CACSCREEN_HOME ?? path.resolve(__dirname, '..', '..', '..', '..', '.cacscreen');
  const dir = path.join(root, ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
