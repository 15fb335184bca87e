import type { Lesion } from '../lesions/lesion';
import type { CoronaryArtery } from '../labels';
import type { CacCategory, CacDrs, ClassicClass } from './categories';
import type { QualityFlag } from './quality-flags';

/** The per-study result of label-based scoring (the `cacscreen score --json` fields that scoring owns). */
export interface ScoreResult {
  agatston: { total: number; byArtery: Record<CoronaryArtery, number> };
  /** Calcium voxels of all kept components × voxel volume (pixel area × slice spacing), mm³. Not normalised. */
  volumeMm3: number;
  /** Calibrated calcium mass (mg); null when no calibration factor was given. */
  massMg: number | null;
  /** Largest Agatston first. */
  lesions: Lesion[];
  cacDrs: CacDrs;
  category: CacCategory;
  classicClass: ClassicClass;
  qualityFlags: QualityFlag[];
}
