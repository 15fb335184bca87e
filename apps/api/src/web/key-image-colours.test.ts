// The page's key-image legend must name the colours the images are drawn in.
import fs from 'node:fs';
import path from 'node:path';
import { KEY_IMAGE_COLOURS } from '@cacscreen/scoring';

it('the page’s key-image legend uses the renderer’s palette', () => {
  const page = fs.readFileSync(path.join(__dirname, 'static', 'app.js'), 'utf8');
  const block = /const KEY_IMAGE_COLOURS = \{([^}]*)\}/.exec(page);
  expect(block).not.toBeNull();
  const legend = Object.fromEntries(
    [...(block?.[1] ?? '').matchAll(/(\w+): '#([0-9a-f]{6})'/g)].map(([, name, hex]) => [
      name,
      [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)),
    ]),
  );
  expect(legend).toEqual(KEY_IMAGE_COLOURS);
});
