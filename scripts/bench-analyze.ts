/**
 * npm run bench:analyze — analyzeSeries' work on one large series: decode 512² × 300 slices (explicit VR little
 * endian, as most archives store CT) → calcium labelling (the default anatomy labeller, or BENCH_LABELLER=cnn |
 * baseline) → Agatston → key images. Prints per-stage medians, the process's
 * peak memory and the ratio to the seed study's 18.3 s per scan.
 *
 *   BENCH_RUNS=5 BENCH_THREADS=2 BENCH_LABELLER=anatomy npm run bench:analyze
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesVolume } from '@cacscreen/dicom';
import { generateThorax, writeStudyDicom } from '@cacscreen/phantom';
import {
  type CalciumLabeller,
  type CnnLabeller,
  computeAgatston,
  createAnatomyLabeller,
  createBaselineLabeller,
  createCnnLabeller,
  renderKeyImages,
} from '@cacscreen/scoring';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const THREADS = process.env.BENCH_THREADS ? Number(process.env.BENCH_THREADS) : undefined;
const LABELLER = process.env.BENCH_LABELLER ?? 'anatomy';
const SEED_STUDY_SECONDS = 18.3;
const SERIES_DIR = join(tmpdir(), 'cacscreen-bench-512x300');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function ensureSeries(): Promise<string[]> {
  const files = () =>
    readdirSync(SERIES_DIR)
      .filter((f) => f.endsWith('.dcm'))
      .map((f) => join(SERIES_DIR, f));
  if (existsSync(SERIES_DIR) && files().length === 300) return files();
  console.log(`writing a 512 × 512 × 300 phantom series to ${SERIES_DIR} (once)…`);
  mkdirSync(SERIES_DIR, { recursive: true });
  const study = generateThorax({
    seed: 2026,
    matrix: 512,
    pixelSpacingMm: 0.7,
    sliceThicknessMm: 0.625,
    coverageMm: 187.5,
    burden: 'moderate',
    noiseHu: 25,
  });
  if (study.volume.dims[2] !== 300) throw new Error(`expected 300 slices, got ${study.volume.dims[2]}`);
  await writeStudyDicom(study, SERIES_DIR, {
    name: 'BENCH^SERIES',
    id: 'BENCH0001',
    sex: 'M',
    age: 60,
    birthDate: '19650101',
    studyDate: '20250101',
  });
  return files();
}

async function main(): Promise<void> {
  const files = await ensureSeries();
  const labeller: CalciumLabeller =
    LABELLER === 'baseline'
      ? createBaselineLabeller()
      : LABELLER === 'anatomy'
        ? createAnatomyLabeller()
        : await createCnnLabeller({ intraOpThreads: THREADS, provider: 'cpu' });
  const stages: Record<string, number[]> = { decode: [], label: [], score: [], keyImages: [], total: [] };
  const cnnStages: Record<string, number[]> = { crop: [], features: [], inference: [], mapBack: [] };
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    const { volume } = await readSeriesVolume(files);
    const t1 = performance.now();
    const labels = await labeller.label(volume);
    const t2 = performance.now();
    const score = computeAgatston(volume, labels);
    const t3 = performance.now();
    renderKeyImages(volume, labels, score);
    const t4 = performance.now();
    if (run === 0) continue; // warm-up: first model run, file cache
    stages.decode.push(t1 - t0);
    stages.label.push(t2 - t1);
    stages.score.push(t3 - t2);
    stages.keyImages.push(t4 - t3);
    stages.total.push(t4 - t0);
    const timings = (labeller as Partial<CnnLabeller>).lastTimings;
    if (timings) {
      cnnStages.crop.push(timings.cropMs);
      cnnStages.features.push(timings.featuresMs);
      cnnStages.inference.push(timings.inferenceMs);
      cnnStages.mapBack.push(timings.mapBackMs);
    }
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    `\nanalyzeSeries on 512 × 512 × 300 (${LABELLER}, ${THREADS ?? 'default'} intra-op threads), median of ${RUNS} runs after a warm-up:`,
  );
  console.log('| stage | median ms |\n|---|---|');
  for (const [stage, xs] of Object.entries(stages)) console.log(`| ${stage} | ${median(xs).toFixed(0)} |`);
  if (cnnStages.crop.length)
    for (const [stage, xs] of Object.entries(cnnStages)) console.log(`| label: ${stage} | ${median(xs).toFixed(0)} |`);
  const total = median(stages.total) / 1000;
  console.log(
    `\ntotal ${total.toFixed(2)} s per series = ${(SEED_STUDY_SECONDS / total).toFixed(1)}× faster than the seed study's ${SEED_STUDY_SECONDS} s; peak RSS ${peakMiB.toFixed(0)} MiB`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
