import { readFileSync } from 'fs';
import { join } from 'path';

/** Fixture files copied into the package (see fixtures/README.md): always present, even on a fresh clone. */
export const FIXTURES = join(__dirname, '../../fixtures');

export function readFixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}
