/**
 * Where the heart is, as the heart finder reports it and as anatomy models (published coronary coordinates, hybrid
 * lesions) consume it. All positions and vectors are DICOM patient coordinates (LPS: +x patient left, +y posterior,
 * +z head), mm.
 */
export type Vec3 = [number, number, number];

export interface HeartFrame {
  /** Centre of the heart (of its fitted ellipsoid). */
  centreMm: Vec3;
  /**
   * Orthonormal axes of the fitted ellipsoid: `longAxis` points from the base towards the apex (typically left,
   * anterior and caudal); `anteriorAxis` is perpendicular to it, pointing as far towards the patient's front as
   * possible; `thirdAxis` = longAxis × anteriorAxis completes a right-handed frame.
   */
  longAxis: Vec3;
  anteriorAxis: Vec3;
  thirdAxis: Vec3;
  /** Semi-axis lengths along longAxis, anteriorAxis and thirdAxis (mm). */
  radiiMm: Vec3;
  /** Centre of the aortic root (the aortic valve plane) when it was found, else null. */
  aorticRootMm: Vec3 | null;
  /** Radius (mm) of the aortic root's section when it was found. */
  aorticRootRadiusMm?: number;
}
