/**
 * Seeded anatomy of one synthetic patient, in "body" coordinates: x and y are DICOM patient x (towards the patient's
 * left) and y (towards the back) with the body centred on 0, z runs towards the head with the heart centre near 0.
 * The renderer maps body z to patient z by adding a table offset.
 */
import type { CoronaryArtery } from '@cacscreen/scoring';
import { Rng } from './random';
import { Vec3, add, addScaled, cross, dot, normalize, scale, sub } from './vec';

export interface Heart {
  centre: Vec3;
  /** Long axis, base → apex (points anterior, left and inferior). */
  axis: Vec3;
  /** Unit vector ⟂ axis closest to anterior. */
  anterior: Vec3;
  /** Unit vector ⟂ axis and anterior, towards the patient's left. */
  left: Vec3;
  /** Semi-axes along axis, anterior, left (mm). */
  semiAxesMm: Vec3;
  /** Epicardial / pericardial fat thickness around the heart (mm). */
  fatMm: number;
  /** Position of the atrioventricular groove along the axis, as a fraction of the long semi-axis (negative = base). */
  avGroove: number;
}

export interface Tube {
  /** Centre-line points (mm, body coordinates). */
  points: Vec3[];
  radiusMm: number;
  hu: number;
}

export interface VesselPath {
  artery: CoronaryArtery;
  /** Centre-line sampled about every 1 mm, proximal first. */
  points: Vec3[];
}

export interface Anatomy {
  bodySemiMm: [number, number];
  subcutaneousFatMm: number;
  /** Thoracic cavity ellipse (centre y, semi-axes) inside the chest wall. */
  cavity: { cy: number; ax: number; ay: number };
  spine: { cy: number; radius: number; discPhaseMm: number; pitchMm: number };
  ribs: { phaseMm: number; pitchMm: number; slopeMm: number };
  sternumBottomZ: number;
  /** Half-width of the mediastinal band between the lungs (anterior to the spine), mm. */
  mediastinumHalfWidthMm: number;
  /** Diaphragm dome tops (z) for the right and left sides, and curvature (mm drop per mm² from the dome centre). */
  diaphragm: { rightTopZ: number; leftTopZ: number; curvature: number };
  heart: Heart;
  aorticRoot: Vec3;
  aorticRootRadiusMm: number;
  /** Ascending aorta, arch, descending aorta, pulmonary trunk and arteries, SVC, oesophagus. */
  tubes: Tube[];
  aorta: Tube;
  vessels: VesselPath[];
}

const DEG = Math.PI / 180;

/** Surface point of the heart ellipsoid at axial fraction t (−1 base … 1 apex) and angle phi (0 anterior, +90° left). */
export function heartSurfacePoint(h: Heart, t: number, phi: number, outwardMm: number): Vec3 {
  const [a, b, c] = h.semiAxesMm;
  const cosP = Math.cos(phi);
  const sinP = Math.sin(phi);
  const ring = Math.sqrt(Math.max(0, 1 - t * t)) / Math.sqrt((cosP * cosP) / (b * b) + (sinP * sinP) / (c * c));
  const dir = add(scale(h.anterior, cosP), scale(h.left, sinP));
  return add(addScaled(h.centre, h.axis, t * a), scale(dir, ring + outwardMm));
}

/** Heart-frame coordinates of a point: t (axial fraction) and phi (radians, 0 anterior, +π/2 left). */
export function heartFrame(h: Heart, p: Vec3): { t: number; phi: number; radialMm: number } {
  const d = sub(p, h.centre);
  const along = dot(d, h.axis);
  const x = dot(d, h.anterior);
  const y = dot(d, h.left);
  return { t: along / h.semiAxesMm[0], phi: Math.atan2(y, x), radialMm: Math.hypot(x, y) };
}

/** Half the cranio-caudal extent of the heart ellipsoid. */
export function heartHalfHeightMm(h: Heart): number {
  const [a, b, c] = h.semiAxesMm;
  return Math.hypot(a * h.axis[2], b * h.anterior[2], c * h.left[2]);
}

function resample(points: Vec3[], stepMm: number): Vec3[] {
  const out: Vec3[] = [points[0]];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const d = sub(b, a);
    const len = Math.hypot(d[0], d[1], d[2]);
    const n = Math.max(1, Math.ceil(len / stepMm));
    for (let k = 1; k <= n; k++) out.push(addScaled(a, d, k / n));
  }
  return out;
}

/** Quadratic Bézier through control point m, sampled at n+1 points. */
function bezier(a: Vec3, m: Vec3, b: Vec3, n: number): Vec3[] {
  const out: Vec3[] = [];
  for (let i = 0; i <= n; i++) {
    const s = i / n;
    const w0 = (1 - s) * (1 - s);
    const w1 = 2 * s * (1 - s);
    const w2 = s * s;
    out.push([w0 * a[0] + w1 * m[0] + w2 * b[0], w0 * a[1] + w1 * m[1] + w2 * b[1], w0 * a[2] + w1 * m[2] + w2 * b[2]]);
  }
  return out;
}

/**
 * How body habitus scales the parts of the anatomy (all exactly 1 at bodyScale 1, so the default anatomy is unchanged):
 * subcutaneous fat grows fastest, then chest-wall muscle and the rib cage; the heart a little, its fat more.
 */
export interface Habitus {
  fat: number;
  muscle: number;
  cage: number;
  heart: number;
  heartFat: number;
}

export function habitusFor(bodyScale: number): Habitus {
  const d = bodyScale - 1;
  return {
    fat: bodyScale * bodyScale * bodyScale,
    muscle: 1 + 0.5 * d,
    cage: 1 + 0.3 * d,
    heart: 1 + 0.12 * d,
    heartFat: 1 + d,
  };
}

function sampleHeart(rng: Rng, habitus: Habitus): Heart {
  const azimuth = rng.uniform(35, 55) * DEG; // left of the sagittal plane, seen from above
  const elevation = rng.uniform(15, 35) * DEG; // below the axial plane
  const axis = normalize([
    Math.sin(azimuth) * Math.cos(elevation),
    -Math.cos(azimuth) * Math.cos(elevation),
    -Math.sin(elevation),
  ]);
  const towardsAnterior: Vec3 = [0, -1, 0];
  let anterior = normalize(sub(towardsAnterior, scale(axis, dot(towardsAnterior, axis))));
  let left = normalize(cross(axis, anterior));
  if (left[0] < 0) left = scale(left, -1);
  const roll = rng.uniform(-10, 10) * DEG;
  const a2 = add(scale(anterior, Math.cos(roll)), scale(left, Math.sin(roll)));
  left = add(scale(left, Math.cos(roll)), scale(anterior, -Math.sin(roll)));
  anterior = a2;
  return {
    centre: [rng.uniform(15, 32) * habitus.cage, rng.uniform(-32, -18) * habitus.cage, rng.uniform(-6, 6)],
    axis,
    anterior,
    left,
    semiAxesMm: [
      rng.uniform(50, 60) * habitus.heart,
      rng.uniform(40, 47) * habitus.heart,
      rng.uniform(36, 42) * habitus.heart,
    ],
    fatMm: rng.uniform(5, 9) * habitus.heartFat,
    avGroove: rng.uniform(-0.5, -0.38),
  };
}

/** Coronary centre-lines on the heart surface (about 2.5 mm outside the myocardium, in the epicardial fat). */
function coronaryPaths(h: Heart, root: Vec3, rootRadius: number, rng: Rng): VesselPath[] {
  const out = 2.5;
  const tav = h.avGroove;
  const phiBif = rng.uniform(50, 65) * DEG;
  const bif = heartSurfacePoint(h, tav, phiBif, out);
  const towardsBif = normalize(sub(bif, root));
  const lmStart = addScaled(root, towardsBif, rootRadius + 0.5);
  const lmMid = addScaled(scale(add(lmStart, bif), 0.5), h.axis, -4);
  const lm = bezier(lmStart, lmMid, bif, 12);

  const lad: Vec3[] = [bif];
  const phiLad = rng.uniform(15, 30) * DEG;
  const ladEnd = rng.uniform(0.85, 0.95);
  for (let i = 1; i <= 40; i++) {
    const s = i / 40;
    const t = tav + (ladEnd - tav) * s;
    const phi = phiBif + (phiLad - phiBif) * Math.min(1, s * 4);
    lad.push(heartSurfacePoint(h, t, phi, out));
  }

  const lcx: Vec3[] = [];
  const lcxEnd = rng.uniform(150, 190) * DEG;
  for (let i = 0; i <= 30; i++) lcx.push(heartSurfacePoint(h, tav, phiBif + ((lcxEnd - phiBif) * i) / 30, out));

  const phiRcaStart = rng.uniform(-45, -30) * DEG;
  const rcaRing = heartSurfacePoint(h, tav, phiRcaStart, out);
  const towardsRca = normalize(sub(rcaRing, root));
  const rcaStart = addScaled(root, towardsRca, rootRadius + 0.5);
  const rca: Vec3[] = bezier(rcaStart, addScaled(scale(add(rcaStart, rcaRing), 0.5), h.axis, -3), rcaRing, 8);
  const rcaCrux = -rng.uniform(135, 160) * DEG;
  for (let i = 1; i <= 40; i++)
    rca.push(heartSurfacePoint(h, tav, phiRcaStart + ((rcaCrux - phiRcaStart) * i) / 40, out));
  const pdaEnd = rng.uniform(0.1, 0.4);
  for (let i = 1; i <= 15; i++) rca.push(heartSurfacePoint(h, tav + ((pdaEnd - tav) * i) / 15, rcaCrux, out));

  return [
    { artery: 'LM', points: resample(lm, 1) },
    { artery: 'LAD', points: resample(lad, 1) },
    { artery: 'LCX', points: resample(lcx, 1) },
    { artery: 'RCA', points: resample(rca, 1) },
  ];
}

/**
 * One patient's anatomy. `bodyScale` (0.8–1.35) sets the habitus; the random draws are the same for every scale, and
 * at 1 every value is the one drawn (multiplications by exactly 1, additions of exactly 0).
 */
export function sampleAnatomy(rng: Rng, bodyScale = 1): Anatomy {
  const habitus = habitusFor(bodyScale);
  const body: [number, number] = [rng.uniform(140, 168), rng.uniform(100, 120)];
  const fat = rng.uniform(8, 22);
  const cy = -rng.uniform(4, 10);
  const muscleX = rng.uniform(14, 20);
  const muscleY = rng.uniform(16, 22);
  const cavityX = body[0] - fat - muscleX;
  const cavityY = body[1] - fat - muscleY;
  const cavity = { cy, ax: cavityX * habitus.cage, ay: cavityY * habitus.cage };
  const subcutaneousFatMm = fat * habitus.fat;
  const bodySemiMm: [number, number] = [
    body[0] + (habitus.cage - 1) * cavityX + (habitus.muscle - 1) * muscleX + (habitus.fat - 1) * fat,
    body[1] + (habitus.cage - 1) * cavityY + (habitus.muscle - 1) * muscleY + (habitus.fat - 1) * fat,
  ];
  const spineRadius = rng.uniform(15, 18);
  const spine = {
    cy: cavity.cy + cavity.ay - spineRadius - rng.uniform(6, 10),
    radius: spineRadius,
    discPhaseMm: rng.uniform(0, 26),
    pitchMm: rng.uniform(24, 28),
  };
  const heart = sampleHeart(rng, habitus);
  const lungHalfX = cavity.ax * 0.55;
  const heartBottomZ = heart.centre[2] - heartHalfHeightMm(heart);

  const t = heart.avGroove - rng.uniform(0.12, 0.2);
  const aorticRoot = add(
    addScaled(heart.centre, heart.axis, t * heart.semiAxesMm[0]),
    scale(heart.anterior, rng.uniform(4, 10)),
  );
  const aorticRootRadiusMm = rng.uniform(12, 15);
  const archTopZ = aorticRoot[2] + rng.uniform(60, 75);
  const descending: Vec3 = [rng.uniform(26, 32), spine.cy - spine.radius - rng.uniform(6, 10), 0];
  const ascTop: Vec3 = [aorticRoot[0] - rng.uniform(4, 10), aorticRoot[1] + 2, archTopZ - 18];
  const archPeak: Vec3 = [(ascTop[0] + descending[0]) / 2, (ascTop[1] + descending[1]) / 2, archTopZ + 12];
  const descTop: Vec3 = [descending[0], descending[1], archTopZ - 18];
  const aortaPoints = resample(
    [
      aorticRoot,
      ascTop,
      ...bezier(ascTop, archPeak, descTop, 16).slice(1),
      [descending[0], descending[1] + 3, heartBottomZ - 120],
    ],
    2,
  );
  const aorta: Tube = { points: aortaPoints, radiusMm: aorticRootRadiusMm - 1, hu: 40 };

  const pa0 = add(aorticRoot, [rng.uniform(16, 22), -rng.uniform(10, 16), -6]);
  const pa1: Vec3 = [aorticRoot[0] + 22, aorticRoot[1] + 14, aorticRoot[2] + 35];
  const pulmonaryTrunk: Tube = { points: resample([pa0, pa1], 2), radiusMm: rng.uniform(11, 14), hu: 38 };
  const leftPa: Tube = { points: resample([pa1, [lungHalfX + 10, pa1[1] + 12, pa1[2] - 4]], 2), radiusMm: 9, hu: 38 };
  const rightPa: Tube = { points: resample([pa1, [-lungHalfX + 10, pa1[1] + 8, pa1[2] - 6]], 2), radiusMm: 9, hu: 38 };
  const svc: Tube = {
    points: resample([add(aorticRoot, [-26, 6, 0]), add(aorticRoot, [-26, 8, 120])], 2),
    radiusMm: rng.uniform(8, 10),
    hu: 38,
  };
  const oesophagus: Tube = {
    points: resample(
      [
        [4, spine.cy - spine.radius - 6, heartBottomZ - 100],
        [2, spine.cy - spine.radius - 5, archTopZ + 80],
      ],
      2,
    ),
    radiusMm: 7,
    hu: 45,
  };
  const vessels = coronaryPaths(heart, aorticRoot, aorticRootRadiusMm, rng);
  return {
    bodySemiMm,
    subcutaneousFatMm,
    cavity,
    spine,
    ribs: { phaseMm: rng.uniform(0, 30), pitchMm: rng.uniform(26, 32), slopeMm: rng.uniform(80, 110) },
    sternumBottomZ: heartBottomZ + rng.uniform(0, 15),
    mediastinumHalfWidthMm: rng.uniform(8, 14),
    diaphragm: {
      rightTopZ: heartBottomZ + rng.uniform(5, 15),
      leftTopZ: heartBottomZ - rng.uniform(0, 8),
      curvature: 0.012,
    },
    heart,
    aorticRoot,
    aorticRootRadiusMm,
    tubes: [oesophagus, svc, pulmonaryTrunk, leftPa, rightPa, aorta],
    aorta,
    vessels,
  };
}
