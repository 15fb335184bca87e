/**
 * The spread of scanners and patients the CNN is trained and evaluated on: slice thickness 0.625–5 mm, pixels
 * 0.5–1 mm, routine to low-dose noise, smooth and sharp kernels, small to large patients, hard negatives. Each draw
 * is a pure function of its seed; training and evaluation use disjoint seed ranges (see training/README.md).
 */
import { Rng, mixSeeds } from './random';
import type { PhantomSettings } from './settings';

const THICKNESSES_MM = [0.625, 1, 1.25, 1.5, 2, 2.5, 3, 5] as const;
const THICKNESS_WEIGHTS = [1, 1.5, 1, 1, 1, 1, 2.5, 1];

/** Seeds at or above this are held out for evaluation; training uses seeds below CALIBRATION_SEED_BASE. */
export const EVALUATION_SEED_BASE = 1_000_000;
/** Seeds from here to EVALUATION_SEED_BASE pick the model's operating point after training (scripts/calibrate-cnn.ts). */
export const CALIBRATION_SEED_BASE = 500_000;

/** Settings for one varied study (the `seed` doubles as the phantom's own seed). */
export function sampleAcquisition(seed: number): Partial<PhantomSettings> {
  const rng = new Rng(mixSeeds(seed, 0x5ca9));
  const pixelSpacingMm = Math.round(rng.uniform(0.5, 1.0) * 1000) / 1000;
  const fieldOfViewMm = rng.uniform(300, 400);
  const matrix = Math.min(512, 2 * Math.round(fieldOfViewMm / pixelSpacingMm / 2));
  const sliceThicknessMm = THICKNESSES_MM[rng.weighted(THICKNESS_WEIGHTS)];
  const kernel = rng.chance(0.3) ? 'sharp' : 'smooth';
  return {
    seed,
    matrix,
    pixelSpacingMm,
    sliceThicknessMm,
    coverageMm: Math.round(rng.uniform(150, 200)),
    noiseHu: Math.round(rng.uniform(8, 60)),
    blurSigmaMm: kernel === 'sharp' ? rng.uniform(0.3, 0.6) : rng.uniform(0.5, 1.2),
    kernel,
    bodyScale: rng.uniform(0.8, 1.35),
    hardNegatives: rng.chance(0.8),
    burden: 'random',
    distractors: true,
  };
}
