import type { CoronaryArtery } from '../labels';

/** A calcified lesion: 2D Agatston components of one artery joined across adjacent slices. */
export interface Lesion {
  artery: CoronaryArtery;
  /** Sum of its slice components' Agatston contributions (same rules and slice factor as the total). */
  agatston: number;
  /** Voxels >= threshold in the lesion × voxel volume (pixel area × slice spacing), mm³. */
  volumeMm3: number;
  peakHu: number;
  /** Voxel-weighted centre in DICOM patient coordinates (LPS, mm). */
  centroidMm: [number, number, number];
}
