/**
 * Calcium mass (mg) of voxels whose HU sum is `sumHu`: c × Σ(mean HU × volume) = c × ΣHU × voxel volume, because
 * mean HU × volume over a lesion is its HU sum times the volume of one voxel. Null without a calibration factor:
 * a mass from a guessed factor would look precise and be wrong.
 */
export function massMg(sumHu: number, voxelVolumeMm3: number, calibrationFactor: number | null): number | null {
  return calibrationFactor === null ? null : calibrationFactor * sumHu * voxelVolumeMm3;
}
