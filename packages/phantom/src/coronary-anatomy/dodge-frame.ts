/**
 * Dodge's coronary frame and how it is laid onto a fitted heart (HeartFrame).
 *
 * Dodge frame (cm; see dodge-coordinates.ts): x = ρ cos φ sin θ towards the patient's left, y = ρ sin φ towards the
 * head, z = ρ cos φ cos θ towards the front; origin at the ostium of each tree. The axes are the patient's body axes,
 * not the heart's: θ is the LAO (+) / RAO (−) angle and φ the cranial (+) / caudal (−) angle of the direction from
 * the ostium, which is how the data serve angiographic view planning. Cross-checks in the data: the LAD runs to
 * +x −y +z (left, caudal, anterior: the apex), the RCA to −x (right) then posterior (−z) to the crux, the LCX to +x and
 * −z (left, posterior); the base→apex direction below comes out 37° left of anterior and 22° caudal, a typical
 * cardiac long axis. In LPS patient axes the Dodge axes are x → +x (left), y → +z (head), z → −y (anterior).
 *
 * Mapping onto a HeartFrame: we do NOT copy Dodge's body orientation; we take Dodge's average heart's own axes
 * (long axis = ring-of-AV-groove centroid → LAD apex point L3d; anterior = Dodge +z made perpendicular to it; third =
 * long × anterior, as in HeartFrame) and send them onto the fitted frame's longAxis / anteriorAxis / thirdAxis. So the
 * tree turns with the patient's heart. Both frames are right-handed, so this is a proper rotation (no mirroring).
 *
 * Size: Dodge's hearts are average adult hearts (70 of the 83 normal); the mean tree spans 110 × 90 × 94 mm along
 * those axes, i.e. reference semi-axes ≈ 55 × 45 × 47 mm (DODGE_REFERENCE_RADII_MM), close to a solid-ellipsoid fit
 * of an adult heart. A fitted heart is scaled isotropically by the geometric mean of radiiMm / reference (clamped),
 * so a noisy ellipsoid shape cannot distort the tree.
 *
 * Position: with a located aortic root, the midpoint of the two ostia goes onto it (the ostia sit on the root's
 * wall); without, the centre of the tree's extent goes onto the heart centre.
 */
import type { HeartFrame } from '@cacscreen/scoring';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../vec';
import { DODGE_SEGMENTS, RCA_OSTIUM_FROM_LM_OSTIUM, type DodgeSegment } from './dodge-coordinates';

const DEG = Math.PI / 180;

/** Dodge (ρ cm, θ°, φ°) → Dodge Cartesian (cm). */
export function dodgeToCartesianCm(rCm: number, thetaDeg: number, phiDeg: number): Vec3 {
  const c = Math.cos(phiDeg * DEG);
  return [rCm * c * Math.sin(thetaDeg * DEG), rCm * Math.sin(phiDeg * DEG), rCm * c * Math.cos(thetaDeg * DEG)];
}

/** RCA ostium in the left tree's frame (cm): the right tree is shifted by this to share one origin. */
export const RCA_OSTIUM_CM: Vec3 = dodgeToCartesianCm(
  RCA_OSTIUM_FROM_LM_OSTIUM.rCm,
  RCA_OSTIUM_FROM_LM_OSTIUM.thetaDeg,
  RCA_OSTIUM_FROM_LM_OSTIUM.phiDeg,
);

/** Dodge Cartesian (cm, common origin at the LM ostium) of a segment's tabulated point. */
export function segmentPointCm(segment: DodgeSegment, rCm: number, thetaDeg: number, phiDeg: number): Vec3 {
  const p = dodgeToCartesianCm(rCm, thetaDeg, phiDeg);
  return segment.tree === 'right' ? add(p, RCA_OSTIUM_CM) : p;
}

/** Dodge's average heart: its axes (in Dodge Cartesian) and the centre of the tree's extent (cm). */
export interface DodgeReference {
  longAxis: Vec3;
  anteriorAxis: Vec3;
  thirdAxis: Vec3;
  centreCm: Vec3;
  radiiMm: Vec3;
}

const AV_GROOVE = new Set(['C1', 'C2', 'C3', 'C4', 'R1', 'R2', 'R3', 'R4']);

function computeReference(): DodgeReference {
  const all: Vec3[] = [];
  const ring: Vec3[] = [];
  let apex: Vec3 = [0, 0, 0];
  for (const s of DODGE_SEGMENTS) {
    for (const p of s.points) {
      const v = segmentPointCm(s, p.rCm, p.thetaDeg, p.phiDeg);
      all.push(v);
      if (AV_GROOVE.has(s.name)) ring.push(v);
      if (p.name === 'L3d') apex = v;
    }
  }
  const base = scale(ring.reduce(add, [0, 0, 0] as Vec3), 1 / ring.length);
  const longAxis = normalize(sub(apex, base));
  const front: Vec3 = [0, 0, 1];
  const anteriorAxis = normalize(sub(front, scale(longAxis, dot(front, longAxis))));
  const thirdAxis = cross(longAxis, anteriorAxis);
  const axes = [longAxis, anteriorAxis, thirdAxis];
  const lo = axes.map((a) => Math.min(...all.map((v) => dot(v, a))));
  const hi = axes.map((a) => Math.max(...all.map((v) => dot(v, a))));
  const mid = axes.map((_, i) => (lo[i] + hi[i]) / 2);
  const centreCm = add(add(scale(longAxis, mid[0]), scale(anteriorAxis, mid[1])), scale(thirdAxis, mid[2]));
  const radiiMm = axes.map((_, i) => ((hi[i] - lo[i]) / 2) * 10) as Vec3;
  return { longAxis, anteriorAxis, thirdAxis, centreCm, radiiMm };
}

export const DODGE_REFERENCE: DodgeReference = computeReference();
export const DODGE_REFERENCE_RADII_MM: Vec3 = DODGE_REFERENCE.radiiMm;

/** Isotropic scale (fitted heart / Dodge's average heart), clamped to 0.6–1.6 against a failed fit. */
export function heartScale(frame: HeartFrame): number {
  const ratio = frame.radiiMm.reduce((acc, r, i) => acc * (r / DODGE_REFERENCE_RADII_MM[i]), 1);
  const s = Math.cbrt(Math.max(ratio, 1e-9));
  return Math.min(1.6, Math.max(0.6, s));
}

/** Maps Dodge Cartesian (cm, common LM-ostium origin) to patient LPS mm on the fitted heart. */
export function dodgeToPatient(frame: HeartFrame): (pCm: Vec3) => Vec3 {
  const ref = DODGE_REFERENCE;
  const s = heartScale(frame) * 10; // cm → mm, times the heart-size ratio
  const anchorCm = frame.aorticRootMm ? scale(RCA_OSTIUM_CM, 0.5) : ref.centreCm;
  const anchorMm: Vec3 = frame.aorticRootMm ?? frame.centreMm;
  return (pCm) => {
    const d = sub(pCm, anchorCm);
    const a = dot(d, ref.longAxis) * s;
    const b = dot(d, ref.anteriorAxis) * s;
    const c = dot(d, ref.thirdAxis) * s;
    return add(add(add(anchorMm, scale(frame.longAxis, a)), scale(frame.anteriorAxis, b)), scale(frame.thirdAxis, c));
  };
}
