import type { Db } from '@cacscreen/db';
import { createApiApp, openApiDocument } from './create-app';

/**
 * The OpenAPI document as committed in docs/openapi.json: generated from the code with no database (nothing is
 * queried while the document is built), serialised stably.
 */
export async function generateOpenApiJson(): Promise<string> {
  const app = await createApiApp({ db: {} as Db, config: {} }, { logger: false });
  try {
    await app.init();
    return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}
