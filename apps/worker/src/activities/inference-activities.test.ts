import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { generateThorax, PhantomPatient, writeStudyDicom } from '@cacscreen/phantom';
import { type CalciumLabeller, createBaselineLabeller } from '@cacscreen/scoring';
import type { ArchiveRegistry } from './archive-registry';
import { createInferenceActivities, withoutPaths } from './inference-activities';
import type { KeyImageStore, StoredKeyImage } from './key-image-store';
import type { AnalyzeSeriesInput, InferenceActivities, SeriesAnalysis } from './types';

describe('failure messages without file paths', () => {
  it('keeps the file name only (archive folder names often hold patient IDs)', () => {
    expect(withoutPaths('Truncated at byte 10 in /archive/PAT123/1.2.3/slice-0001.dcm: stop')).toBe(
      'Truncated at byte 10 in …/slice-0001.dcm: stop',
    );
    expect(withoutPaths('no path here')).toBe('no path here');
  });
});

describe('analyzeSeries key images', () => {
  let dir: string;
  let files: string[];
  let truthLabels: Uint8Array;
  let saved: Array<{ key: { studyId: string; modelVersion: string }; images: StoredKeyImage[] }>;
  const store: KeyImageStore = {
    save: async (key, images) => {
      saved.push({ key, images });
    },
  };
  // The phantom's own ground-truth labels stand in for a labeller: this test is about what the activity does with them.
  const labeller: CalciumLabeller = { name: 'truth', version: 'truth-1', sha256: null, label: async () => truthLabels };
  const archives = { seriesFiles: async () => files } as unknown as ArchiveRegistry;
  const input = { source: '/archive', studyInstanceUid: '1.2.3', seriesInstanceUid: '1.2.3.4' };
  const analyze = (activities: InferenceActivities, args: AnalyzeSeriesInput) =>
    new MockActivityEnvironment().run(activities.analyzeSeries, args) as Promise<SeriesAnalysis>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-keyimages-'));
    const study = generateThorax({ seed: 7, matrix: 112, pixelSpacingMm: 3, coverageMm: 150, burden: 'high' });
    truthLabels = study.labels;
    const patient: PhantomPatient = {
      name: 'KEY^IMAGES',
      id: 'KI1',
      sex: 'F',
      age: 61,
      birthDate: '19630101',
      studyDate: '20240101',
    };
    files = (await writeStudyDicom(study, dir, patient)).files;
  });
  beforeEach(() => {
    saved = [];
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores the key images under the study and model version, and keeps them out of the Temporal result', async () => {
    const activities = createInferenceActivities({ archives, labeller, keyImages: store });
    const analysis = await analyze(activities, {
      ...input,
      studyId: 'study-1',
      modelVersion: 'sweep-model-2',
    });
    expect(analysis.agatstonTotal).toBeGreaterThan(0);
    expect(saved).toHaveLength(1);
    expect(saved[0].key).toEqual({ studyId: 'study-1', modelVersion: 'sweep-model-2' });
    const images = saved[0].images;
    expect(images.map((i) => i.rank)).toEqual([1, 2, 3].slice(0, images.length));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(Buffer.from(image.png.subarray(1, 4)).toString('ascii')).toBe('PNG');
      expect(image).toMatchObject({ width: 112, height: 112 });
    }
    expect(analysis.timingsMs.keyImages).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(analysis)).not.toMatch(/png|PNG/);
  });

  it('stores an empty set for a study without coronary calcium (replacing any earlier images)', async () => {
    const activities = createInferenceActivities({
      archives,
      labeller: { ...labeller, label: async () => new Uint8Array(truthLabels.length) },
      keyImages: store,
    });
    const analysis = await analyze(activities, {
      ...input,
      studyId: 'study-2',
    });
    expect(analysis.agatstonTotal).toBe(0);
    expect(saved).toEqual([{ key: { studyId: 'study-2', modelVersion: 'truth-1' }, images: [] }]);
  });

  it('rides out a database that refuses the first write (e.g. PostgreSQL restarting) without redoing the analysis', async () => {
    let refusals = 1;
    const flaky: KeyImageStore = {
      save: async (key, images) => {
        if (refusals-- > 0) throw new Error('connection refused');
        await store.save(key, images);
      },
    };
    let labelled = 0;
    const counting: CalciumLabeller = { ...labeller, label: async () => (labelled++, truthLabels) };
    const activities = createInferenceActivities({ archives, labeller: counting, keyImages: flaky });
    await analyze(activities, { ...input, studyId: 'study-3', modelVersion: 'm' });
    expect(saved.map((s) => s.key)).toEqual([{ studyId: 'study-3', modelVersion: 'm' }]);
    expect(labelled).toBe(1);
  });

  it('stores nothing for a workflow that passes no study ID (started before key images existed)', async () => {
    const activities = createInferenceActivities({ archives, labeller, keyImages: store });
    await analyze(activities, input);
    expect(saved).toEqual([]);
  });

  it('gives the same analysis and key images in an analysis thread as in this thread (baseline labeller)', async () => {
    const baseline = createBaselineLabeller();
    const here = createInferenceActivities({ archives, labeller: baseline, keyImages: store });
    const threaded = createInferenceActivities({
      archives,
      labeller: baseline,
      keyImages: store,
      analysisThreads: { labeller: 'baseline', threads: 1 },
    });
    const args = { ...input, studyId: 'study-4', modelVersion: 'm' };
    const [a, b] = [await analyze(here, args), await analyze(threaded, args)];
    expect({ ...b, timingsMs: undefined }).toEqual({ ...a, timingsMs: undefined });
    expect(Object.keys(b.timingsMs).sort()).toEqual(['decode', 'fetch', 'keyImages', 'label', 'score', 'total']);
    expect(saved).toHaveLength(2);
    expect(saved[1].images.map((i) => ({ ...i, png: Buffer.from(i.png) }))).toEqual(
      saved[0].images.map((i) => ({ ...i, png: Buffer.from(i.png) })),
    );
    expect(Buffer.isBuffer(saved[1].images[0]?.png ?? Buffer.alloc(0))).toBe(true);
  }, 60_000);
});
