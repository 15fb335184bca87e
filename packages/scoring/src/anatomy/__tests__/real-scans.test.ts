/**
 * The anatomy labeller on the real chest CTs of ../shared (TCIA Lung-PET-CT-Dx, CC BY 4.0), against the readers'
 * heart ranges and the adjudicated reads in test/real-reference. Skipped, with the reason printed, on a clone without
 * ../shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeriesVolume } from '@cacscreen/dicom';
import { computeAgatston } from '../../agatston';
import { labelCalciumByAnatomy } from '../../labelling/anatomy-labeller';

const REFERENCE = join(__dirname, '../../../../../test/real-reference');
const scans = JSON.parse(readFileSync(join(REFERENCE, 'scans.json'), 'utf8')) as {
  root: string;
  scans: { id: string; folder: string }[];
};
const reads = ['reader-a.json', 'reader-b.json'].map(
  (f) =>
    JSON.parse(readFileSync(join(REFERENCE, 'reads', f), 'utf8')) as {
      series: { id: string; heart: { zRangeMm: [number, number] } }[];
    },
);
const adjudicated = JSON.parse(readFileSync(join(REFERENCE, 'adjudicated.json'), 'utf8')) as {
  series: { id: string; agatstonReference: number }[];
};
const folder = (f: string) => join(__dirname, '../../../../..', scans.root, f);
const present = scans.scans.filter((s) => existsSync(folder(s.folder)));
if (present.length < scans.scans.length) {
  console.warn(
    `real-scans.test: skipped ${scans.scans.length - present.length} real scans: ../shared/data is not beside the checkout`,
  );
}
const run = present.length ? describe : describe.skip;

async function label(f: string) {
  const files = readdirSync(folder(f)).map((name) => join(folder(f), name));
  const { volume } = await readSeriesVolume(files);
  return { volume, result: labelCalciumByAnatomy(volume) };
}

run('anatomy labeller on real chest CT (adjudicated reads)', () => {
  it.each(present.map((s) => [s.id, s.folder]))(
    '%s: heart where both readers saw it; negatives below 10; no false side of Agatston 100',
    async (id, f) => {
      const { volume, result } = await label(f);
      expect(result.heart.found).toBe(true);
      if (!result.heart.found) return;
      for (const read of reads) {
        const [lo, hi] = read.series.find((s) => s.id === id)!.heart.zRangeMm;
        const [flo, fhi] = result.heart.zRangeMm;
        const overlap = Math.min(hi, fhi) - Math.max(lo, flo);
        expect(overlap).toBeGreaterThan(0.7 * (hi - lo));
      }
      const reference = adjudicated.series.find((s) => s.id === id)!.agatstonReference;
      const total = computeAgatston(volume, result.labels).agatston.total;
      if (reference < 10) expect(total).toBeLessThan(10);
      expect(total >= 100).toBe(reference >= 100);
    },
    60_000,
  );

  // Known miss (docs/model.md): the adjudicated distal-LM calcification of A0001 is scorable only on the sharp kernel
  // (7.8 mm², 372 HU; 0.7 mm² on the soft one), and the sharp-kernel softening takes it below 130 HU.
  const sharp = present.find((s) => s.id === 'A0001-L');
  (sharp ? it.failing : it.skip)(
    'A0001-L: finds the read left main calcification (reference 31.9)',
    async () => {
      const { volume, result } = await label(sharp!.folder);
      expect(computeAgatston(volume, result.labels).agatston.total).toBeGreaterThan(10);
    },
    60_000,
  );
});
