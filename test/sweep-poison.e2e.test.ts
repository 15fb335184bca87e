// A sweep over an archive that mixes good studies with unusable data: truncated files, junk files, non-CT,
// localizers and contrast series. It must finish, score the good studies and record a reason for every skip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDicom } from '@cacscreen/dicom';
import {
  generateArchive,
  generateThorax,
  PhantomPatient,
  SeriesVariant,
  writeHostileCorpus,
  writeStudyDicom,
} from '@cacscreen/phantom';
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

// Issue #13's poison studies (a NumberOfFrames of 2³¹ that used to kill every inference worker that took it, a JPEG
// header claiming 65,535², a deflate bomb, path-traversal UIDs, conflicting duplicates) and a valid study whose read
// runs past a short time budget, in one sweep with good studies: the workers reject each with its reason, score
// the rest, and go on screening afterwards.
describe('a sweep over poison studies and a read past its time budget', () => {
  const POISON = [
    'frames-2147483647',
    'rows-columns-65535',
    'jpeg-header-65535',
    'deflate-bomb',
    'study-uid-path-traversal',
    'duplicate-sop-different-pixels',
    'deflated-32-mib-each',
  ];
  /** Good 128² × 40 studies read in about 0.3 s; the 40 deflated files of 32 MiB each take about 5 s. */
  const READ_BUDGET = { timeMs: 1_500, heapMib: 512 };
  let archiveDir: string;
  let harness: SweepHarness;
  const uidOf: Record<string, string> = {};

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-hostile-sweep-'));
    await generateArchive(path.join(archiveDir, 'good'), { studies: 3, seed: 31, ...small });
    const cases = await writeHostileCorpus(path.join(archiveDir, 'poison'), POISON, { uniqueStudies: true });
    for (const hostile of cases) {
      const first = fs.readdirSync(hostile.dir).sort()[0];
      try {
        const header = parseDicom(fs.readFileSync(path.join(hostile.dir, first)), { headersOnly: true });
        if (header.studyInstanceUid) uidOf[hostile.id] = header.studyInstanceUid;
      } catch {
        // Unreadable on purpose (the UID itself is the poison): such files never become a study.
      }
    }
    harness = await startSweepHarness('hostile', { decodeBudget: READ_BUDGET });
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  it('rejects each poison study with its reason, scores the good ones, and keeps screening', async () => {
    const counters = await harness.sweep(archiveDir, { maxInFlight: 4 });
    // Files whose every header is refused (65,535² rows, a path in the UID) never form a study to count.
    expect(counters).toMatchObject({ seen: 3 + 5, screened: 3, skipped: 5, failed: 0 });
    const results = await harness.db.screeningResult.findMany({ include: { study: true } });
    const reasonOf = (id: string) => results.find((r) => r.study.studyInstanceUid === uidOf[id])?.reason ?? '';
    expect(reasonOf('frames-2147483647')).toMatch(/SLICE_GAP/);
    expect(reasonOf('jpeg-header-65535')).toMatch(/DECODE_FAILED: .*JPEG frame header says 65535×65535/);
    expect(reasonOf('deflate-bomb')).toMatch(/SLICE_GAP/);
    expect(reasonOf('duplicate-sop-different-pixels')).toMatch(/DUPLICATE_INSTANCE/);
    expect(reasonOf('deflated-32-mib-each')).toMatch(/RESOURCE_BUDGET: Reading the series took longer than 1.5 s/);
    expect(results.filter((r) => r.status === 'scored')).toHaveLength(3);
    // No UID that failed the grammar reached the database.
    expect(results.every((r) => /^[0-9.]{1,64}$/.test(r.study.studyInstanceUid))).toBe(true);

    // The same workers screen a new study afterwards.
    const later = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-after-poison-'));
    try {
      await generateArchive(later, { studies: 1, seed: 32, ...small });
      expect(await harness.sweep(later)).toMatchObject({ seen: 1, screened: 1, failed: 0 });
    } finally {
      fs.rmSync(later, { recursive: true, force: true });
    }
  });
});
