// A sweep over an archive that mixes good studies with unusable data: truncated files, junk files, non-CT,
// localizers and contrast series. It must finish, score the good studies and record a reason for every skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateArchive, generateThorax, PhantomPatient, SeriesVariant, writeStudyDicom } from '@cacscreen/phantom';
import { startSweepHarness, SweepHarness } from './setup/sweep-harness';

const GOOD = 5;
const small = { matrix: 128, pixelSpacingMm: 2.8, coverageMm: 120, sliceThicknessMm: 3 } as const;

function patient(n: number): PhantomPatient {
  return {
    name: `POISON^PATIENT${n}`,
    id: `POISON${n}`,
    sex: 'M',
    age: 60,
    birthDate: '19640101',
    studyDate: '20240105',
  };
}

/** One phantom study written as the given series variants (the study UID is shared by all of them). */
async function writeStudy(dir: string, seed: number, n: number, variants: Array<SeriesVariant | undefined>) {
  const study = generateThorax({ ...small, seed, burden: 'moderate' });
  const written = [];
  for (const [i, series] of variants.entries()) {
    written.push(await writeStudyDicom(study, path.join(dir, `POISON${n}`, `series-${i}`), patient(n), { series }));
  }
  return written;
}

describe('a sweep over an archive with unusable data', () => {
  let archiveDir: string;
  let harness: SweepHarness;
  const uids: Record<string, string> = {};

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-poison-'));
    await generateArchive(path.join(archiveDir, 'good'), { studies: GOOD, seed: 99, ...small });
    const bad = path.join(archiveDir, 'bad');
    const [truncated] = await writeStudy(bad, 1, 1, [undefined]);
    for (const file of truncated.files) fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
    uids.truncated = truncated.studyInstanceUid;
    uids.mr = (
      await writeStudy(bad, 2, 2, [{ key: 'mr', modality: 'MR', description: 'MR THORAX' }])
    )[0].studyInstanceUid;
    uids.localizer = (
      await writeStudy(bad, 3, 3, [{ key: 'loc', imageType: 'ORIGINAL\\PRIMARY\\LOCALIZER', description: 'SCOUT' }])
    )[0].studyInstanceUid;
    uids.contrast = (
      await writeStudy(bad, 4, 4, [{ key: 'cta', contrastBolusAgent: 'IOHEXOL', description: 'CTA CHEST' }])
    )[0].studyInstanceUid;
    const mixed = await writeStudy(bad, 5, 5, [
      undefined,
      { key: 'loc', imageType: 'ORIGINAL\\PRIMARY\\LOCALIZER', description: 'SCOUT', seriesNumber: 1 },
      { key: 'cta', contrastBolusAgent: 'IOHEXOL', description: 'CTA CHEST', seriesNumber: 3 },
    ]);
    uids.mixed = mixed[0].studyInstanceUid;
    uids.mixedGoodSeries = mixed[0].seriesInstanceUid;
    fs.writeFileSync(path.join(bad, 'README.txt'), 'not a DICOM file');
    fs.writeFileSync(path.join(bad, 'garbage.dcm'), Buffer.alloc(4096, 7));

    harness = await startSweepHarness('poison');
  });

  afterAll(async () => {
    await harness?.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  it('scores the good studies and records why each unusable one was skipped', async () => {
    const counters = await harness.sweep(archiveDir, { maxInFlight: 4 });
    const { db } = harness;
    expect(counters).toMatchObject({ seen: GOOD + 5, screened: GOOD + 1, skipped: 4, failed: 0 });

    const results = await db.screeningResult.findMany({ include: { study: true } });
    const byStudy = new Map(results.map((r) => [r.study.studyInstanceUid, r]));
    expect(results).toHaveLength(GOOD + 5);
    expect(byStudy.get(uids.truncated)).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/TRUNCATED/),
    });
    expect(byStudy.get(uids.mr)?.reason).toMatch(/No eligible series: .*MR/);
    expect(byStudy.get(uids.localizer)?.reason).toMatch(/No eligible series: .*locali[sz]er/i);
    expect(byStudy.get(uids.contrast)?.reason).toMatch(/No eligible series: .*contrast/i);
    expect(byStudy.get(uids.mixed)).toMatchObject({ status: 'scored', seriesInstanceUid: uids.mixedGoodSeries });

    // Every series of every study has its decision and reason stored: three for the mixed study.
    const series = await db.series.findMany({ include: { study: true } });
    expect(series.every((s) => s.reason.length > 0)).toBe(true);
    const mixed = series.filter((s) => s.study.studyInstanceUid === uids.mixed);
    expect(mixed.map((s) => s.chosen).sort()).toEqual([false, false, true]);
    expect(
      mixed
        .filter((s) => !s.chosen)
        .map((s) => s.reason)
        .join(' '),
    ).toMatch(/locali[sz]er.*contrast|contrast.*locali[sz]er/is);
  });
});
