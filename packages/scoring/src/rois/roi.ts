/** Regions of interest in DICOM patient coordinates (LPS, mm), as in the `--roi` file of the CLI. */
export type Vec3 = [number, number, number];

export interface SphereRoi {
  name: string;
  centerMm: Vec3;
  radiusMm: number;
}

/** Axis-aligned in patient coordinates; each bound inclusive. */
export interface BoxRoi {
  name: string;
  minMm: Vec3;
  maxMm: Vec3;
}

export type Roi = SphereRoi | BoxRoi;

export function isSphere(roi: Roi): roi is SphereRoi {
  return 'centerMm' in roi;
}
