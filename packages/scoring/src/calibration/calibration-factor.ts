import { InvalidCalibrationError } from '../agatston/errors';

/** Hydroxyapatite densities are quoted per cm³; scores work in mm³. */
const MM3_PER_CM3 = 1000;

/**
 * Mass calibration factor c (mg per HU·mm³) from a hydroxyapatite insert of known density, measured on the same
 * scanner and protocol: c = density (mg/mm³) / mean HU of the insert. Mass is then c × Σ (mean HU × volume) over
 * lesions (Ulzheimer & Kalender 2003). The insert's mean HU should come from its interior (away from edges and the
 * end slices) so partial volume does not lower it. Example: 200 mgHA/cm³ reading 250 HU → 0.2 / 250 = 8e-4.
 */
export function calibrationFactorFromInsert(meanHu: number, densityMgPerCm3: number): number {
  if (!(Number.isFinite(densityMgPerCm3) && densityMgPerCm3 > 0)) {
    throw new InvalidCalibrationError(`Insert density must be a positive mgHA/cm³ value, got ${densityMgPerCm3}`);
  }
  if (!(Number.isFinite(meanHu) && meanHu > 0)) {
    throw new InvalidCalibrationError(`Insert mean HU must be positive to calibrate mass, got ${meanHu}`);
  }
  return densityMgPerCm3 / MM3_PER_CM3 / meanHu;
}
