/**
 * The anatomy labeller on the real chest CTs of ../shared (TCIA Lung-PET-CT-Dx, CC BY 4.0), against the readers'
 * heart ranges and the adjudicated reads in test/real-reference. Skipped, with the reason printed, on a clone without
 * ../shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSeriesVolume, voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import { computeAgatston } from '../../agatston';
import { CalciumLabel } from '../../labels';
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

  // The adjudicated distal-LM calcification of A0001 is scorable only on the sharp kernel (7.8 mm², 372 HU; 0.7 mm²
  // on the soft one); softening takes it below 130 HU, and dense-native-candidates.ts takes it from the acquired pixels.
  const sharp = present.find((s) => s.id === 'A0001-L');
  const READ_LM: [number, number, number] = [30.4, 119.1, -284];
  const coronaryNear = (volume: Volume, labels: Uint8Array, p: [number, number, number]): number[] => {
    const found: number[] = [];
    const [nx, ny] = volume.dims;
    labels.forEach((l, i) => {
      if (l < CalciumLabel.LM || l > CalciumLabel.RCA) return;
      const x = i % nx;
      const y = ((i - x) / nx) % ny;
      const q = voxelToPatientMm(volume, x, y, (i - x - y * nx) / (nx * ny));
      if (Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) <= 6) found.push(l);
    });
    return found;
  };
  (sharp ? it : it.skip)(
    'A0001-L: finds the read left main calcification, in the same CAC-DRS class as the reference 31.9',
    async () => {
      const { volume, result } = await label(sharp!.folder);
      const total = computeAgatston(volume, result.labels).agatston.total;
      expect(total).toBeGreaterThan(10);
      expect(total).toBeLessThan(100);
      expect(coronaryNear(volume, result.labels, READ_LM).length).toBeGreaterThan(0);
    },
    60_000,
  );
  // Known gap (docs/model.md): the readers put it on the distal left main, about 19 mm beyond the root's wall; the
  // left-main rule reaches 10 mm (artery-by-anatomy.ts), so it is called LCX.
  (sharp ? it.failing : it.skip)(
    'A0001-L: names that calcification LM',
    async () => {
      const { volume, result } = await label(sharp!.folder);
      const near = coronaryNear(volume, result.labels, READ_LM);
      expect(near.length).toBeGreaterThan(0);
      expect(near.every((l) => l === CalciumLabel.LM)).toBe(true);
    },
    60_000,
  );
});
