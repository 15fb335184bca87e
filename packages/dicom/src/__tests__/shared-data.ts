import { existsSync } from 'fs';
import { join } from 'path';

/** The shared test-data folder beside the checkout (absent on a fresh clone; tests that need it skip). */
export const SHARED_DATA = process.env.CACSCREEN_SHARED_DATA ?? join(__dirname, '../../../../../shared/data');
export const hasSharedData = existsSync(join(SHARED_DATA, 'oracles/parser_expectations.csv'));

export function sharedPath(relative: string): string {
  return join(SHARED_DATA, relative);
}
