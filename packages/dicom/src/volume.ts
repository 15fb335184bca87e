/** A CT volume in Hounsfield units on its native grid, in DICOM patient coordinates (LPS, mm). */
export interface Volume {
  /** HU per voxel; index = x + y * cols + z * cols * rows (x = column, y = row, z = slice, sorted along the normal). */
  hu: Int16Array;
  /** [columns, rows, slices]. */
  dims: [number, number, number];
  /** [column spacing, row spacing, distance between slice centres] in mm. */
  spacingMm: [number, number, number];
  /** Nominal reconstructed slice thickness (0018,0050) in mm; equals spacingMm[2] when the tag is absent. */
  sliceThicknessMm: number;
  /** Patient position (ImagePositionPatient) of voxel (0, 0, 0). */
  originMm: [number, number, number];
  /** Direction cosines: along a row (increasing column), along a column (increasing row), and between slices. */
  rowDirection: [number, number, number];
  columnDirection: [number, number, number];
  sliceDirection: [number, number, number];
  /** Tube voltage (0018,0060) when known: used for kVp-specific Agatston thresholds. */
  kvp?: number;
}

/** Patient-space position (mm) of voxel centre (x, y, z). */
export function voxelToPatientMm(volume: Volume, x: number, y: number, z: number): [number, number, number] {
  const [sx, sy, sz] = volume.spacingMm;
  const out: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    out[i] =
      volume.originMm[i] +
      x * sx * volume.rowDirection[i] +
      y * sy * volume.columnDirection[i] +
      z * sz * volume.sliceDirection[i];
  }
  return out;
}
