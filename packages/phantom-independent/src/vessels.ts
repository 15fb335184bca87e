/**
 * Vessels: the aortic root, ascending aorta, arch and descending aorta; pulmonary trunk, SVC, IVC, trachea and
 * oesophagus; and the coronary tree (left main -> LAD + LCX, RCA) laid along the grooves of the heart surface in
 * the epicardial fat, with random dominance and course variation.
 */
import { Heart, local, radial, signedSurfaceDistance, surfaceNormal, surfacePoint } from './heart';
import { Patient, spineY } from './patient';
import { Rng } from './rng';
import { Tissue } from './slice';
import { TubeGroup } from './tubes';
import { Vec3, add, dot, madd, normalize, norm, scale, spline, sub } from './vec';

export interface Coronary {
  name: 'LM' | 'LAD' | 'LCX' | 'RCA' | 'D1' | 'OM1' | 'PDA';
  /** Label value (1 LM, 2 LAD, 3 LCX, 4 RCA); branches carry their parent's label. */
  label: number;
  points: Vec3[];
  radii: number[];
  /** Cumulative arc length (mm) at each point. */
  arc: number[];
}

export interface Vessels {
  root: Vec3;
  rootR: number;
  /** Unit direction of the ascending aorta at the root. */
  rootAxis: Vec3;
  aorta: Vec3[];
  aortaR: number[];
  coronaries: Coronary[];
  trachea: Vec3[];
  carina: Vec3;
  hila: [Vec3, Vec3];
  great: TubeGroup;
  lumen: TubeGroup;
  gut: TubeGroup;
  airway: TubeGroup;
  dominance: 'right' | 'left' | 'co';
}

function slerp(a: Vec3, b: Vec3, t: number): Vec3 {
  const c = Math.max(-1, Math.min(1, dot(a, b)));
  const om = Math.acos(c);
  if (om < 1e-4) return a;
  const s = Math.sin(om);
  return normalize(add(scale(a, Math.sin((1 - t) * om) / s), scale(b, Math.sin(t * om) / s)));
}

interface Way {
  u: number;
  d: Vec3;
}

/** Points along the heart surface through waypoints (u, direction), lifted `lift(k)` mm into the fat. */
function surfacePath(h: Heart, ways: Way[], lift: number, rng: Rng): Vec3[] {
  const out: Vec3[] = [];
  const phase = rng.uniform(0, 6.28);
  const amp = rng.uniform(0.005, 0.02);
  let k = 0;
  for (let w = 0; w + 1 < ways.length; w++) {
    const A = ways[w];
    const B = ways[w + 1];
    const approx = norm(sub(surfacePoint(h, A.u, A.d), surfacePoint(h, B.u, B.d)));
    const n = Math.max(2, Math.ceil(approx / 2));
    for (let s = w === 0 ? 0 : 1; s <= n; s++) {
      const t = s / n;
      const u = Math.max(-0.99, Math.min(0.995, A.u + (B.u - A.u) * t + amp * Math.sin(phase + 0.35 * k++)));
      const d = slerp(A.d, B.d, t);
      const sp = surfacePoint(h, u, d);
      out.push(madd(sp, surfaceNormal(h, sp), lift));
    }
  }
  return out;
}

function arcOf(points: Vec3[]): number[] {
  const arc = [0];
  for (let i = 1; i < points.length; i++) arc.push(arc[i - 1] + norm(sub(points[i], points[i - 1])));
  return arc;
}

function taper(arc: number[], r0: number, r1: number): number[] {
  const L = arc[arc.length - 1] || 1;
  return arc.map((a) => r0 + (r1 - r0) * (a / L));
}

/** Push points that lie inside (or too close to) the myocardium out to `lift` mm from the surface. */
function keepOnSurface(h: Heart, pts: Vec3[], lift: number): Vec3[] {
  return pts.map((q) => {
    const l = local(h, q);
    const d = signedSurfaceDistance(h, l[0], l[1], l[2]);
    if (d >= lift && d < lift + 6) return q;
    const n = surfaceNormal(h, q);
    return madd(q, n, lift - d);
  });
}

export function buildVessels(rng: Rng, p: Patient, h: Heart): Vessels {
  const bloodStyle = { coreHu: p.huBlood, coreTissue: Tissue.Blood, wallMm: 0, wallHu: 0, wallTissue: Tissue.Blood };
  const great = new TubeGroup(bloodStyle);
  const lumen = new TubeGroup({ ...bloodStyle, coreHu: p.huBlood + 3 });
  const gut = new TubeGroup({ coreHu: 35, coreTissue: Tissue.Soft, wallMm: 0, wallHu: 0, wallTissue: Tissue.Soft });
  const airway = new TubeGroup({
    coreHu: -1000,
    coreTissue: Tissue.Air,
    wallMm: 1.6,
    wallHu: 25,
    wallTissue: Tissue.Soft,
  });
  const left = radial(h, [1, 0, 0]);
  const right = radial(h, [-1, 0, 0]);
  const post = radial(h, [0, 1, 0]);
  const inf = radial(h, [0, 0, -1]);

  // Aortic root at the base, right of centre and anterior.
  const rootR = rng.uniform(12, 15) * (p.age > 70 ? 1.08 : 1);
  const dRoot = radial(h, normalize([-0.35 + rng.uniform(-0.1, 0.1), -0.55, 0.75]));
  const sRoot = surfacePoint(h, -0.8 + rng.uniform(-0.04, 0.04), dRoot);
  const root = madd(sRoot, surfaceNormal(h, sRoot), -rootR * 0.35);
  const rootAxis = normalize([-0.25, -0.2, 1]);

  const ys0 = spineY(p, p.zCarina);
  const yTr = ys0 - p.vertRy - 18;
  const zArch = p.zCarina + rng.uniform(18, 30);
  const xD = 24 * p.size;
  const yD = (z: number) => spineY(p, z) - p.vertRy - 3;
  const aorta = spline(
    [
      root,
      madd(root, rootAxis, 25),
      [root[0] - 6, root[1] - 2, zArch - 22],
      [root[0] * 0.3 + 5, yTr - 22, zArch],
      [xD, yTr + 2, zArch - 10],
      [xD, yD(zArch - 40), zArch - 40],
      [xD, yD(0), 0],
      [xD - 4, yD(-150), -150],
      [xD - 10, yD(-300), -300],
      [xD - 12, yD(-420), -420],
    ],
    4,
  );
  const aArc = arcOf(aorta);
  const aortaR = aArc.map((a) => {
    if (a < 60) return rootR + 2 - (a / 60) * 1;
    if (a < 140) return rootR + 1 - ((a - 60) / 80) * 3;
    return Math.max(9, rootR - 2 - (a - 140) * 0.006);
  });
  great.addPolyline(aorta, aortaR);

  // Pulmonary trunk and branches, SVC, IVC.
  const pStart = surfacePoint(h, -0.68, radial(h, normalize([0.7, -1, 0.6])));
  const pBif: Vec3 = [12, yTr - 12, p.zCarina - 8];
  const lHil: Vec3 = [55 * p.size, yTr + 12, p.zCarina - 22];
  const rHil: Vec3 = [-52 * p.size, yTr + 6, p.zCarina - 24];
  great.addPolyline(spline([pStart, lerp3(pStart, pBif, 0.5, [0, 4, 4]), pBif], 4), 13);
  great.addPolyline(spline([pBif, [35, yTr - 2, p.zCarina - 12], lHil], 4), 10);
  great.addPolyline(spline([pBif, [-10, yTr - 6, p.zCarina - 12], [-30, yTr - 2, p.zCarina - 18], rHil], 4), 10);
  const raIn = surfacePoint(h, -0.72, radial(h, normalize([-1, 0.1, 0.5])));
  great.addPolyline(
    spline([[-30, -12, p.zSternTop + 20], [-30, -8, p.zCarina], madd(raIn, surfaceNormal(h, raIn), -6)], 4),
    9,
  );
  const ivcIn = surfacePoint(h, -0.5, radial(h, normalize([-0.6, 0.4, -1])));
  great.addPolyline(
    spline(
      [
        [-20, spineY(p, -420) - 22, -420],
        [-22, spineY(p, -150) - 26, -150],
        [-20, spineY(p, -60) - 30, -60],
        madd(ivcIn, surfaceNormal(h, ivcIn), -5),
      ],
      5,
    ),
    11,
  );
  gut.addPolyline(
    spline(
      [
        [5, ys0 - p.vertRy - 4, p.zApex + 60],
        [8, spineY(p, 0) - p.vertRy - 6, 0],
        [p.xDomeL - 30, -5, p.zDomeL - 40],
      ],
      5,
    ),
    6,
  );

  // Trachea and main bronchi.
  const carina: Vec3 = [0, yTr + 3, p.zCarina];
  const trachea = spline([[0, yTr - 6, p.zApex + 80], [0, yTr - 2, p.zApex], carina], 4);
  airway.addPolyline(trachea, 9 * p.size);
  airway.addPolyline(spline([carina, [-25, yTr + 8, p.zCarina - 14], add(rHil, [6, 4, 6])], 4), 6.5 * p.size);
  airway.addPolyline(spline([carina, [28, yTr + 10, p.zCarina - 22], add(lHil, [-6, 6, 8])], 4), 6 * p.size);

  // Coronaries.
  const dominance = rng.weighted<'right' | 'left' | 'co'>([
    ['right', 0.8],
    ['left', 0.1],
    ['co', 0.1],
  ]);
  const avU = h.avU;
  const coronaries: Coronary[] = [];
  const add3 = (name: Coronary['name'], label: number, pts: Vec3[], r0: number, r1: number) => {
    const arc = arcOf(pts);
    const radii = taper(arc, r0, r1);
    coronaries.push({ name, label, points: pts, radii, arc });
    lumen.addPolyline(pts, radii);
  };
  const lift = (r: number) => r + 1 + rng.uniform(0, 0.8);
  const dBif = slerp(h.dAIV, left, rng.uniform(0.2, 0.4));
  const bifU = avU + rng.uniform(-0.03, 0.03);
  const lmR = rng.uniform(1.9, 2.5);
  const lmStart = add(
    madd(root, rootAxis, rng.uniform(2, 6)),
    scale(normalize([1, -0.35 + rng.uniform(-0.2, 0.2), -0.1]), rootR),
  );
  const bif = surfacePath(
    h,
    [
      { u: bifU, d: dBif },
      { u: bifU, d: dBif },
    ],
    lift(lmR),
    rng,
  )[0];
  const lmPts = keepOnSurface(h, spline([lmStart, lerp3(lmStart, bif, 0.5, [0, -2, 2]), bif], 1.5), lift(lmR));
  add3('LM', 1, lmPts, lmR, lmR * 0.92);

  const ladR = lmR * rng.uniform(0.75, 0.9);
  const dA2 = normalize(add(h.dAIV, scale(left, rng.uniform(-0.15, 0.15))));
  const ladWays: Way[] = [
    { u: bifU, d: dBif },
    { u: avU + 0.15, d: h.dAIV },
    { u: 0.45, d: dA2 },
    { u: 0.93, d: h.dAIV },
  ];
  if (rng.chance(0.4)) ladWays.push({ u: 0.995, d: slerp(h.dAIV, h.dPIV, 0.5) }, { u: 0.9, d: h.dPIV });
  add3('LAD', 2, surfacePath(h, ladWays, lift(ladR), rng), ladR, 0.8);

  const lcxR = lmR * rng.uniform(0.65, 0.8);
  const lcxWays: Way[] = [
    { u: bifU, d: dBif },
    { u: avU, d: left },
  ];
  if (dominance === 'left') lcxWays.push({ u: avU, d: post }, { u: avU, d: h.dPIV }, { u: 0.55, d: h.dPIV });
  else if (dominance === 'co') lcxWays.push({ u: avU, d: post }, { u: avU, d: slerp(post, h.dPIV, 0.6) });
  else lcxWays.push({ u: avU, d: slerp(left, post, rng.uniform(0.4, 1)) });
  add3('LCX', 3, surfacePath(h, lcxWays, lift(lcxR), rng), lcxR, 1.0);

  const rcaR = rng.uniform(1.7, 2.3) * (dominance === 'left' ? 0.8 : 1);
  const rcaStart = add(madd(root, rootAxis, rng.uniform(0, 4)), scale(normalize([-0.5, -1, -0.1]), rootR));
  const dRA = radial(h, normalize([-1, -1.2, 0.2]));
  const rcaWays: Way[] = [
    { u: avU, d: dRA },
    { u: avU, d: right },
    { u: avU, d: inf },
  ];
  if (dominance === 'right') rcaWays.push({ u: avU, d: h.dPIV }, { u: 0.6 + rng.uniform(0, 0.2), d: h.dPIV });
  else if (dominance === 'co') rcaWays.push({ u: avU, d: h.dPIV });
  const rcaBody = surfacePath(h, rcaWays, lift(rcaR), rng);
  const rcaIn = keepOnSurface(
    h,
    spline([rcaStart, lerp3(rcaStart, rcaBody[0], 0.5, [-2, -2, 0]), rcaBody[0]], 1.5),
    lift(rcaR),
  );
  add3('RCA', 4, [...rcaIn.slice(0, -1), ...rcaBody], rcaR, 1.1);

  // Side branches (diagonal, obtuse marginal) carry the parent label.
  const uD = rng.uniform(avU + 0.2, avU + 0.45);
  add3(
    'D1',
    2,
    surfacePath(
      h,
      [
        { u: uD, d: h.dAIV },
        { u: 0.55, d: slerp(h.dAIV, left, 0.6) },
      ],
      1.9,
      rng,
    ),
    1.1,
    0.6,
  );
  add3(
    'OM1',
    3,
    surfacePath(
      h,
      [
        { u: avU, d: slerp(left, post, 0.15) },
        { u: 0.4, d: slerp(left, post, 0.3) },
      ],
      1.9,
      rng,
    ),
    1.1,
    0.6,
  );

  return {
    root,
    rootR,
    rootAxis,
    aorta,
    aortaR,
    coronaries,
    trachea,
    carina,
    hila: [rHil, lHil],
    great,
    lumen,
    gut,
    airway,
    dominance,
  };
}

function lerp3(a: Vec3, b: Vec3, t: number, bend: Vec3): Vec3 {
  return [a[0] + (b[0] - a[0]) * t + bend[0], a[1] + (b[1] - a[1]) * t + bend[1], a[2] + (b[2] - a[2]) * t + bend[2]];
}
