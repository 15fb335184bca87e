/**
 * The shipped model (models/cac-cnn.json + .onnx) through onnxruntime-node: manifest integrity, accuracy against the
 * phantom's ground truth on held-out seeds, and the real chest CT from the shared data (8 mm slices, aortic and
 * bronchial calcium, no coronary calcium to speak of).
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesVolume } from '@cacscreen/dicom';
import { EVALUATION_SEED_BASE, generateThorax, sampleAcquisition } from '@cacscreen/phantom';
import { computeAgatston } from '../../agatston';
import { iccAbsoluteAgreement } from '../../evaluation';
import { createCnnLabeller, type CnnLabeller, DEFAULT_MODEL_MANIFEST } from '../cnn-labeller';
import { loadModelManifest, ModelManifestError } from '../manifest';

const SHARED = process.env.CACSCREEN_SHARED_DATA ?? join(__dirname, '../../../../../../shared/data');
const CHEST_CT = join(SHARED, 'public/tcia-lung-pet-ct-dx/Lung_Dx-A0002_thorax_8mm_B40f');

let labeller: CnnLabeller;
jest.setTimeout(60_000);
beforeAll(async () => {
  labeller = await createCnnLabeller({ manifestPath: DEFAULT_MODEL_MANIFEST, provider: 'cpu', intraOpThreads: 1 });
});
afterAll(() => labeller.close());

describe('shipped model', () => {
  it('has a manifest whose sha256 matches the ONNX file and the six labels of the contract', () => {
    const { manifest } = loadModelManifest(DEFAULT_MODEL_MANIFEST);
    expect(manifest.labels).toEqual(['background', 'LM', 'LAD', 'LCX', 'RCA', 'other calcium']);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/);
    expect(labeller.version).toBe(manifest.version);
  });

  it('refuses a model file that does not match its manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cacscreen-model-'));
    try {
      const manifest = JSON.parse(readFileSync(DEFAULT_MODEL_MANIFEST, 'utf8')) as { file: string };
      copyFileSync(join(DEFAULT_MODEL_MANIFEST, '..', manifest.file), join(dir, manifest.file));
      writeFileSync(join(dir, manifest.file), Buffer.from('tampered'), { flag: 'a' });
      writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest));
      expect(() => loadModelManifest(join(dir, 'model.json'))).toThrow(ModelManifestError);
      expect(() => loadModelManifest(join(dir, 'model.json'))).toThrow(/sha256/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Eight held-out phantoms (evaluation seeds: never used in training or calibration), acquisitions drawn as for
  // training. The full 200-study table is `npm run eval` (docs/model.md); these bounds sit a little under the
  // targets so that sampling noise on eight studies does not fail the build, while a broken model or pipeline does
  // (the baseline labeller gets ICC 0.71 and 6/8 categories on the same studies).
  it('agrees with the ground truth on eight held-out phantoms (ICC ≥ 0.93, CAC-DRS category 7 of 8)', async () => {
    const pairs: number[][] = [];
    let sameCategory = 0;
    for (let seed = EVALUATION_SEED_BASE; seed < EVALUATION_SEED_BASE + 8; seed++) {
      const study = generateThorax(sampleAcquisition(seed));
      const truth = computeAgatston(study.volume, study.labels);
      const measured = computeAgatston(study.volume, await labeller.label(study.volume));
      pairs.push([truth.agatston.total, measured.agatston.total]);
      if (truth.category === measured.category) sameCategory++;
    }
    expect(iccAbsoluteAgreement(pairs)).toBeGreaterThanOrEqual(0.93);
    expect(sameCategory).toBeGreaterThanOrEqual(7);
  }, 180_000);
});

if (!existsSync(CHEST_CT)) console.warn(`[shipped-model] real-CT test skipped: ${CHEST_CT} is missing`);
(existsSync(CHEST_CT) ? describe : describe.skip)('shipped model on a real chest CT (shared data)', () => {
  it('finds no coronary calcium to speak of and does not call the aorta, bronchi or ribs coronary', async () => {
    const files = readdirSync(CHEST_CT).map((f) => join(CHEST_CT, f));
    const { volume } = await readSeriesVolume(files);
    const labels = await labeller.label(volume);
    const score = computeAgatston(volume, labels);
    let other = 0;
    for (const l of labels) if (l === 5) other++;
    console.log(
      `real chest CT (8 mm): coronary Agatston ${score.agatston.total.toFixed(1)}, ${score.lesions.length} coronary lesions, ${other} voxels of other calcium`,
    );
    expect(score.agatston.total).toBeLessThan(100);
    expect(score.agatston.total).toBeLessThan(10);
  }, 60_000);
});
