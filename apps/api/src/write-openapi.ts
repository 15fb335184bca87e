// `npm run openapi`: regenerates docs/openapi.json from the controllers; a unit test fails while it is stale.
// Runs compiled (Nest's dependency injection needs the decorator metadata that tsc emits).
import fs from 'node:fs';
import path from 'node:path';
import { generateOpenApiJson } from './openapi-spec';

const target = path.resolve(__dirname, '..', '..', '..', 'docs', 'openapi.json');
generateOpenApiJson()
  .then((json) => {
    fs.writeFileSync(target, json);
    console.log(`wrote ${target}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
