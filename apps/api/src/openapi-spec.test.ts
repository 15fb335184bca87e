import fs from 'node:fs';
import path from 'node:path';
import { generateOpenApiJson } from './openapi-spec';

describe('docs/openapi.json', () => {
  it('is the spec the code generates (run `npm run openapi` after changing an endpoint)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8');
    const generated = await generateOpenApiJson();
    expect(JSON.parse(generated)).toEqual(JSON.parse(committed));
    expect(Object.keys(JSON.parse(generated).paths)).toContain('/api/worklist');
  });
});
