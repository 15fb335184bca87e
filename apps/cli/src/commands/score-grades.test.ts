import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { CalciumLabeller } from '@cacscreen/scoring';
import { writeSeries } from '../../../../packages/dicom/src/__tests__/write-dicom';
import { scoreStudyFolder } from './score';

// Hand-built volumes: 1 mm pixels, 3 mm slices, so each 400 HU pixel is 3 mm³ of calcium and adds 4 to Agatston.
// One deposit of n pixels on one slice, labelled LM. LM's reference length is 11.1 mm (Dodge 1992), so the ordinal
// edges are lesion lengths of 3.7 mm (1/3) and 7.4 mm (2/3): sphere volumes 26.5 and 212.2 mm³, i.e. between 8 and
// 9 pixels, and between 70 and 71. The Agatston edges 100 and 300 are 25 and 75 pixels.
const labelLm: CalciumLabeller = {
  name: 'test-lm',
  version: '1',
  sha256: null,
  label: async (volume) => Uint8Array.from(volume.hu, (hu) => (hu >= 130 ? 1 : 0)),
};

function writeDeposit(dir: string, pixels: number) {
  const width = 12;
  writeSeries({
    dir,
    slices: 40,
    rows: 32,
    columns: 32,
    pixelSpacing: [1, 1],
    hu: (x, y, k) => {
      if (k !== 10 || x < 4 || x >= 4 + width || y < 4) return 0;
      return (y - 4) * width + (x - 4) < pixels ? 400 : 0;
    },
  });
}

describe('score --json grades from hand-built volumes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cacscreen-grades-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each<[number, number, number, string]>([
    [8, 1, 32, 'mild'], // 24 mm³: 3.58 mm ≤ 1/3 of LM
    [9, 2, 36, 'mild'], // 27 mm³: 3.72 mm > 1/3
    [24, 2, 96, 'mild'],
    [25, 2, 100, 'moderate'],
    [70, 2, 280, 'moderate'], // 210 mm³: 7.37 mm ≤ 2/3
    [71, 3, 284, 'moderate'], // 213 mm³: 7.41 mm > 2/3
    [74, 3, 296, 'moderate'],
    [75, 3, 300, 'severe'],
  ])('%d pixels → LM ordinal %d, Agatston %d, grade %s', async (pixels, ordinal, agatston, grade) => {
    writeDeposit(dir, pixels);
    const output = await scoreStudyFolder(dir, { labeller: labelLm, rois: null });
    expect([output.status, output.reason]).toEqual(['scored', null]);
    expect(output.agatston?.total).toBe(agatston);
    expect(output.lesions).toHaveLength(1);
    expect(output.lesions[0].volumeMm3).toBe(pixels * 3);
    expect(output.grades).toEqual({
      ordinal: { total: ordinal, byArtery: { LM: ordinal, LAD: 0, LCX: 0, RCA: 0 } },
      visualFromAgatston: grade,
      visualFromOrdinal: ordinal <= 3 ? 'mild' : 'moderate',
    });
  });

  it('grades a scan without calcium none', async () => {
    writeDeposit(dir, 0);
    const output = await scoreStudyFolder(dir, { labeller: labelLm, rois: null });
    expect(output.grades).toEqual({
      ordinal: { total: 0, byArtery: { LM: 0, LAD: 0, LCX: 0, RCA: 0 } },
      visualFromAgatston: 'none',
      visualFromOrdinal: 'none',
    });
  });
});
