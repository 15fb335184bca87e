// The `cacscreen` command as a user runs it (the compiled CLI in a child process): JSON contracts and exit codes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDicom } from '@cacscreen/dicom';
import { generateArchive } from '@cacscreen/phantom';
import { ANATOMY_LABELLER_VERSION } from '@cacscreen/scoring';

const root = path.resolve(__dirname, '..', '..');
const CLI = path.join(root, 'apps', 'cli', 'bin', 'cacscreen.js');
const QRM = path.join(root, 'packages', 'scoring', 'fixtures', 'qrm-canon-large-rep1');

function cacscreen(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd: root });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cacscreen CLI', () => {
  let work: string;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-cli-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('risk --json reproduces the Goff et al. worked example (white male 55 y: PCE 5.38 %, published 5.3 %)', () => {
    const patient = {
      age: 55,
      sex: 'male',
      race: 'white',
      totalCholesterol: 213,
      hdl: 50,
      systolicBp: 120,
      bpTreated: false,
      smoker: false,
      diabetes: false,
    };
    const { code, stdout } = cacscreen(['risk', '--json'], JSON.stringify(patient));
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.pooledCohort.riskPct).toBeCloseTo(5.38, 1);
    expect(out.mesaChd.withCacPct).toBeNull();
    expect(out.missing).toContain('cac');
  });

  it('risk --json takes bmi and egfr and prints PREVENT 10- and 30-year risks (preventr README example)', () => {
    const patient = {
      age: 50,
      sex: 'female',
      systolicBp: 160,
      bpTreated: true,
      totalCholesterol: 200,
      hdl: 45,
      diabetes: true,
      smoker: false,
      lipidLowering: false,
      egfr: 90,
      bmi: 35,
    };
    const { code, stdout } = cacscreen(['risk', '--json'], JSON.stringify(patient));
    expect(code).toBe(0);
    const { prevent } = JSON.parse(stdout);
    expect(prevent.tenYear).toEqual({ totalCvdPct: 14.68, ascvdPct: 9.2, heartFailurePct: 8.06 });
    expect(prevent.thirtyYear).toEqual({ totalCvdPct: 52.99, ascvdPct: 35.43, heartFailurePct: 38.96 });
    const older = JSON.parse(cacscreen(['risk', '--json'], JSON.stringify({ ...patient, age: 65 })).stdout);
    expect(older.prevent.tenYear).not.toBeNull();
    expect(older.prevent.thirtyYear).toBeNull();
  });

  it('risk exits 2 naming the field on bad input, and on no input', () => {
    const bad = cacscreen(['risk', '--json'], JSON.stringify({ age: 'old' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/age/);
    expect(cacscreen(['risk', '--json'], '').code).toBe(2);
  });

  it('score --json scores one phantom study per the JSON contract, with consistent totals and categories', async () => {
    const { groundTruth } = await generateArchive(path.join(work, 'archive'), {
      studies: 1,
      seed: 2024,
      sliceThicknessMm: 3,
    });
    const study = groundTruth.studies[0];
    const { code, stdout } = cacscreen(['score', path.join(work, 'archive', study.path), '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      status: 'scored',
      reason: null,
      studyInstanceUid: study.studyInstanceUid,
      seriesInstanceUid: study.seriesInstanceUid,
    });
    expect(Object.keys(out.agatston.byArtery).sort()).toEqual(['LAD', 'LCX', 'LM', 'RCA']);
    // The default labeller is the anatomy labeller (no model file, so no hash): its name and version travel with it.
    expect(out.model).toEqual({ name: 'cacscreen-anatomy', version: ANATOMY_LABELLER_VERSION, sha256: null });
    expect(['0', '1', '2', '3']).toContain(out.cacDrs);
    expect(['0', '1-99', '100-299', '>=300']).toContain(out.category);
    // The numbers hang together: arteries and lesions add up to the total, and the categories are the published
    // bins of that total (CAC-DRS 0 / 1–99 / 100–299 / ≥300). The labeller's accuracy is measured elsewhere.
    const byArtery = Object.values(out.agatston.byArtery as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(byArtery).toBeCloseTo(out.agatston.total, 1);
    const lesions = (out.lesions as Array<{ agatston: number }>).reduce((sum, lesion) => sum + lesion.agatston, 0);
    expect(lesions).toBeCloseTo(out.agatston.total, 0);
    const total = out.agatston.total as number;
    const drs = total === 0 ? '0' : total < 100 ? '1' : total < 300 ? '2' : '3';
    expect(out.cacDrs).toBe(drs);
    expect(out.category).toBe({ '0': '0', '1': '1-99', '2': '100-299', '3': '>=300' }[drs]);
    expect(out.timingsMs.total).toBeGreaterThan(0);

    // --overlay writes a picture of where the heart was found (a PNG a person can open).
    const overlay = path.join(work, 'overlay.png');
    expect(cacscreen(['score', path.join(work, 'archive', study.path), '--overlay', overlay]).code).toBe(0);
    expect(fs.readFileSync(overlay).subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('score exits 0 with a rejection and its reason for a folder with no DICOM, 2 for a missing folder', () => {
    fs.mkdirSync(path.join(work, 'empty'));
    fs.writeFileSync(path.join(work, 'empty', 'notes.txt'), 'hello');
    const rejected = cacscreen(['score', path.join(work, 'empty'), '--json']);
    expect(rejected.code).toBe(0);
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/No DICOM study/),
    });
    expect(cacscreen(['score', path.join(work, 'nope'), '--json']).code).toBe(2);
    expect(cacscreen(['score']).code).toBe(2);
  });

  it('score --roi scores the real QRM phantom inserts like the FQM tool (phantom QA)', () => {
    // The 7 insert slices (the lowest 7 of the fixture's 10 by position; the other 3 are the calibration rod).
    const files = fs
      .readdirSync(QRM)
      .filter((f) => /^[0-9A-F]{8}$/.test(f))
      .map((f) => ({
        f,
        z: parseDicom(fs.readFileSync(path.join(QRM, f)), { headersOnly: true }).imagePositionPatient![2],
      }))
      .sort((a, b) => a.z - b.z)
      .slice(0, 7);
    const dir = path.join(work, 'qrm');
    fs.mkdirSync(dir);
    for (const { f } of files) fs.copyFileSync(path.join(QRM, f), path.join(dir, f));
    // Large HD insert (800 mgHA, 5 mm) at row 220, column 180 of the 512² slices; pixel spacing 0.488 mm.
    const header = parseDicom(fs.readFileSync(path.join(dir, files[0].f)), { headersOnly: true });
    const [x0, y0] = header.imagePositionPatient!;
    const [rowSpacing, colSpacing] = header.pixelSpacing!;
    const centre = [x0 + 180 * colSpacing, y0 + 220 * rowSpacing];
    const zs = files.map((f) => f.z);
    const roi = [
      {
        name: 'large-hd',
        minMm: [centre[0] - 5, centre[1] - 5, Math.min(...zs) - 1.5],
        maxMm: [centre[0] + 5, centre[1] + 5, Math.max(...zs) + 1.5],
      },
    ];
    fs.writeFileSync(path.join(work, 'roi.json'), JSON.stringify(roi));
    const { code, stdout } = cacscreen(['score', dir, '--roi', path.join(work, 'roi.json'), '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.status).toBe('scored');
    // FQM: 402.94 on this insert (oracle); ±3 %.
    expect(Math.abs(out.rois['large-hd'].agatston / 402.93965 - 1)).toBeLessThan(0.03);
    expect(cacscreen(['score', dir, '--roi', path.join(work, 'missing.json'), '--json']).code).toBe(2);
  });
});
