import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import * as dicomParser from 'dicom-parser';
import { GroundTruthFileError, generateArchive, readGroundTruth, type GroundTruthFile } from '..';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'phantom-archive-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const small = { matrix: 128, pixelSpacingMm: 2.8, sliceThicknessMm: 5 } as const;

describe('generateArchive', () => {
  it('writes <patientId>/<studyUid>/slice-NNNN.dcm and a ground-truth.json covering every burden', async () => {
    const out = path.join(root, 'a');
    const progress: Array<[number, number]> = [];
    const result = await generateArchive(out, {
      studies: 5,
      seed: 77,
      ...small,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(progress).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);

    const gt = JSON.parse(readFileSync(path.join(out, 'ground-truth.json'), 'utf8')) as GroundTruthFile;
    expect(gt).toEqual(JSON.parse(JSON.stringify(result.groundTruth)));
    expect(readGroundTruth(out)).toEqual(gt);
    expect(gt.studies).toHaveLength(5);
    expect(new Set(gt.studies.slice(0, 4).map((s) => s.burden))).toEqual(new Set(['none', 'low', 'moderate', 'high']));
    expect(readdirSync(out).sort()).toEqual([
      'PHANTOM0001',
      'PHANTOM0002',
      'PHANTOM0003',
      'PHANTOM0004',
      'PHANTOM0005',
      'ground-truth.json',
    ]);

    for (const s of gt.studies) {
      expect(s.burdenBin).toBe(s.burden);
      const byArtery = s.agatston.byArtery;
      expect(Object.keys(byArtery).sort()).toEqual(['LAD', 'LCX', 'LM', 'RCA']);
      expect(s.agatston.total).toBeCloseTo(byArtery.LM + byArtery.LAD + byArtery.LCX + byArtery.RCA, 1);
      expect(s.patientName).toBe(`PHANTOM^PATIENT${s.patientId.slice(-4)}`);
      expect(s.age).toBeGreaterThanOrEqual(45);
      expect(s.age).toBeLessThanOrEqual(80);
      expect(['M', 'F']).toContain(s.sex);
      // Age at study from the birth date agrees with the stated age.
      const b = s.birthDate;
      const d = s.studyDate;
      const years = Number(d.slice(0, 4)) - Number(b.slice(0, 4)) - (d.slice(4) < b.slice(4) ? 1 : 0);
      expect(years).toBe(s.age);
      const rf = s.riskFactors;
      expect(rf.age).toBe(s.age);
      expect(rf.sex).toBe(s.sex === 'M' ? 'male' : 'female');
      expect(['white', 'black', 'hispanic', 'chinese']).toContain(rf.race);
      expect(rf.totalCholesterol).toBeGreaterThanOrEqual(120);
      expect(rf.hdl).toBeGreaterThanOrEqual(25);
      expect(rf.systolicBp).toBeGreaterThanOrEqual(95);
      for (const k of ['bpTreated', 'smoker', 'diabetes'] as const) expect(typeof rf[k]).toBe('boolean');

      expect(s.path).toBe(`${s.patientId}/${s.studyInstanceUid}`);
      const files = readdirSync(path.join(out, s.path)).sort();
      expect(files).toHaveLength(s.slices);
      expect(files[0]).toBe('slice-0001.dcm');
      const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(path.join(out, s.path, files[0]))));
      expect(ds.string('x0020000d')).toBe(s.studyInstanceUid);
      expect(ds.string('x0020000e')).toBe(s.seriesInstanceUid);
      expect(ds.string('x00100020')).toBe(s.patientId);
      expect(ds.string('x00100030')).toBe(s.birthDate);
      expect(ds.string('x00080020')).toBe(s.studyDate);
    }
  });

  it('is deterministic and depends on the seed', async () => {
    const a = await generateArchive(path.join(root, 'b1'), { studies: 2, seed: 5, ...small });
    const b = await generateArchive(path.join(root, 'b2'), { studies: 2, seed: 5, ...small });
    const c = await generateArchive(path.join(root, 'b3'), { studies: 2, seed: 6, ...small });
    expect(b.groundTruth).toEqual(a.groundTruth);
    expect(c.groundTruth.studies[0].studyInstanceUid).not.toBe(a.groundTruth.studies[0].studyInstanceUid);
  });

  it('rejects a bad study count', async () => {
    await expect(generateArchive(path.join(root, 'x'), { studies: 0, seed: 1 })).rejects.toThrow(
      /studies must be an integer/,
    );
  });
});

describe('readGroundTruth', () => {
  it('refuses a missing file and a JSON file generateArchive did not write, naming the file', () => {
    const dir = mkdtempSync(path.join(root, 'gt-'));
    expect(() => readGroundTruth(dir)).toThrow(GroundTruthFileError);
    writeFileSync(path.join(dir, 'ground-truth.json'), JSON.stringify({ studies: [] }));
    expect(() => readGroundTruth(dir)).toThrow(/ground-truth\.json: not a cacscreen-phantom ground truth/);
    const noScore = { generator: 'cacscreen-phantom', version: 1, studies: [{ studyInstanceUid: '1.2.3' }] };
    writeFileSync(path.join(dir, 'ground-truth.json'), JSON.stringify(noScore));
    expect(() => readGroundTruth(dir)).toThrow(/study 0 lacks/);
  });
});
