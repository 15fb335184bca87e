/**
 * Heart: a tilted ellipsoid (long axis base -> apex pointing left, anterior and caudal) of uniform blood /
 * myocardium density, wrapped in epicardial fat that thickens in the atrioventricular and interventricular
 * grooves, a thin pericardium, and a little pericardial fat where it meets lung.
 */
import { Patient, cavityAt } from './patient';
import { Rng } from './rng';
import { Grid, SliceBuffers, Tissue, pixelRange } from './slice';
import { Vec3, cross, dot, normalize, scale, sub } from './vec';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { abs, cos, exp, max, min, sin, sqrt } = Math;

export interface Heart {
  c: Vec3;
  /** e1: long axis base -> apex; e2: anterior-most perpendicular; e3 = e1 x e2. */
  e1: Vec3;
  e2: Vec3;
  e3: Vec3;
  a1: number;
  a2: number;
  a3: number;
  hu: number;
  fatHu: number;
  fatBase: number;
  /** Position of the AV groove along the long axis (u = -1 base, +1 apex). */
  avU: number;
  avFat: number;
  ivFat: number;
  /** Groove directions (unit, perpendicular to e1). */
  dAIV: Vec3;
  dPIV: Vec3;
  periMm: number;
  /** Max distance from the centre reached by heart + fat + pericardium (mm). */
  reach: number;
  /** Half extents (mm) of the ellipsoid along x, y, z. */
  ext: Vec3;
}

/** Unit direction of v projected into the plane perpendicular to the long axis. */
export function radial(h: Heart, v: Vec3): Vec3 {
  return normalize(sub(v, scale(h.e1, dot(v, h.e1))));
}

export function buildHeart(rng: Rng, p: Patient): Heart {
  const az = ((rng.uniform(35, 58) * Math.PI) / 180) as number;
  const el = ((rng.uniform(22, 45) * Math.PI) / 180) as number;
  const e1 = normalize([sin(az) * cos(el), -cos(az) * cos(el), -sin(el)]);
  const ant: Vec3 = [0, -1, 0];
  const e2 = normalize(sub(ant, scale(e1, dot(ant, e1))));
  const e3 = normalize(cross(e1, e2));
  const s = p.size * rng.uniform(0.92, 1.1) * (p.age > 70 ? 1.04 : 1);
  const a1 = 64 * s;
  const a2 = 52 * s * rng.uniform(0.93, 1.07);
  const a3 = 47 * s * rng.uniform(0.93, 1.07);
  const ext: Vec3 = [0, 0, 0];
  for (let k = 0; k < 3; k++) {
    ext[k] = sqrt((a1 * e1[k]) ** 2 + (a2 * e2[k]) ** 2 + (a3 * e3[k]) ** 2);
  }
  const cav = cavityAt(p, 0);
  const yFront = -cav.bAnt;
  const c: Vec3 = [rng.uniform(12, 30) * p.size, yFront + ext[1] + rng.uniform(4, 12), 0];
  const h: Heart = {
    c,
    e1,
    e2,
    e3,
    a1,
    a2,
    a3,
    hu: p.huBlood + rng.uniform(-2, 4),
    fatHu: p.huFat + rng.uniform(-5, 8),
    fatBase: rng.uniform(1.5, 3.5),
    avU: rng.uniform(-0.6, -0.45),
    avFat: rng.uniform(4.5, 8),
    ivFat: rng.uniform(4, 7),
    dAIV: [0, 0, 0],
    dPIV: [0, 0, 0],
    periMm: rng.uniform(0.7, 1.4),
    reach: 28,
    ext,
  };
  h.dAIV = radial(h, normalize([0.45 + rng.uniform(-0.1, 0.1), -1, 0.25]));
  h.dPIV = radial(h, normalize([0.15, 0.35 + rng.uniform(-0.1, 0.1), -1]));
  return h;
}

/** Local coordinates (along e1, e2, e3) of patient point q. */
export function local(h: Heart, q: Vec3): Vec3 {
  const d = sub(q, h.c);
  return [dot(d, h.e1), dot(d, h.e2), dot(d, h.e3)];
}

/** Surface point at axial position u in [-1, 1] in radial direction d (unit, perpendicular to e1). */
export function surfacePoint(h: Heart, u: number, d: Vec3): Vec3 {
  const d2 = dot(d, h.e2);
  const d3 = dot(d, h.e3);
  const rho = 1 / sqrt((d2 * d2) / (h.a2 * h.a2) + (d3 * d3) / (h.a3 * h.a3));
  const w = sqrt(max(0, 1 - u * u)) * rho;
  return [
    h.c[0] + h.a1 * u * h.e1[0] + w * d[0],
    h.c[1] + h.a1 * u * h.e1[1] + w * d[1],
    h.c[2] + h.a1 * u * h.e1[2] + w * d[2],
  ];
}

/** Outward unit normal of the ellipsoid at (or near) patient point q. */
export function surfaceNormal(h: Heart, q: Vec3): Vec3 {
  const l = local(h, q);
  const g1 = l[0] / (h.a1 * h.a1);
  const g2 = l[1] / (h.a2 * h.a2);
  const g3 = l[2] / (h.a3 * h.a3);
  return normalize([
    g1 * h.e1[0] + g2 * h.e2[0] + g3 * h.e3[0],
    g1 * h.e1[1] + g2 * h.e2[1] + g3 * h.e3[1],
    g1 * h.e1[2] + g2 * h.e2[2] + g3 * h.e3[2],
  ]);
}

/** Signed distance estimate (mm) from the myocardial surface: negative inside. */
export function signedSurfaceDistance(h: Heart, l1: number, l2: number, l3: number): number {
  const q1 = l1 / h.a1;
  const q2 = l2 / h.a2;
  const q3 = l3 / h.a3;
  const r = sqrt(q1 * q1 + q2 * q2 + q3 * q3);
  if (r < 1e-6) return -min(h.a1, h.a2, h.a3);
  const g = sqrt((q1 / h.a1) ** 2 + (q2 / h.a2) ** 2 + (q3 / h.a3) ** 2);
  return ((r - 1) * r) / g;
}

/** Distance (mm) of patient point q from the heart's myocardial surface (first-order estimate). */
export function heartSurfaceDistanceMm(h: Heart, q: Vec3): number {
  const l = local(h, q);
  return abs(signedSurfaceDistance(h, l[0], l[1], l[2]));
}

/** Epicardial fat thickness (mm) at local coordinates. */
export function fatThickness(h: Heart, l1: number, l2: number, l3: number): number {
  const u = l1 / h.a1;
  const rr = sqrt(l2 * l2 + l3 * l3) || 1;
  const du = (u - h.avU) / 0.1;
  let t = h.fatBase + h.avFat * exp(-du * du);
  if (u > h.avU - 0.05) {
    const ca = (l2 * dot(h.dAIV, h.e2) + l3 * dot(h.dAIV, h.e3)) / rr;
    const cp = (l2 * dot(h.dPIV, h.e2) + l3 * dot(h.dPIV, h.e3)) / rr;
    t += h.ivFat * (exp((ca - 1) / 0.035) + exp((cp - 1) / 0.035)) * (u < 0.85 ? 1 : 0.6);
  }
  if (u > 0.75) t += 3 * (u - 0.75) * 4;
  return t;
}

/** Paint the heart, its fat and pericardium at height z. */
export function renderHeart(h: Heart, z: number, grid: Grid, buf: SliceBuffers): void {
  const dzc = z - h.c[2];
  if (abs(dzc) > h.ext[2] + 28) return;
  const { nx, ny, x0, y0, px } = grid;
  const R = h.reach;
  const [i0, i1] = pixelRange(h.c[0] - h.ext[0] - 28, h.c[0] + h.ext[0] + 28, x0, px, nx);
  const [j0, j1] = pixelRange(h.c[1] - h.ext[1] - 28, h.c[1] + h.ext[1] + 28, y0, px, ny);
  const { hu, tissue } = buf;
  const { e1, e2, e3 } = h;
  const inv1 = 1 / h.a1,
    inv2 = 1 / h.a2,
    inv3 = 1 / h.a3;
  const outer = 1 + 28 / min(h.a1, h.a2, h.a3);
  const outer2 = outer * outer;
  const tMax = min(R, h.fatBase + h.avFat + h.ivFat + 3 + h.periMm + 4);
  for (let j = j0; j <= j1; j++) {
    const dy = y0 + j * px - h.c[1];
    const b1 = dy * e1[1] + dzc * e1[2];
    const b2 = dy * e2[1] + dzc * e2[2];
    const b3 = dy * e3[1] + dzc * e3[2];
    for (let i = i0; i <= i1; i++) {
      const dx = x0 + i * px - h.c[0];
      const l1 = b1 + dx * e1[0];
      const l2 = b2 + dx * e2[0];
      const l3 = b3 + dx * e3[0];
      const q1 = l1 * inv1,
        q2 = l2 * inv2,
        q3 = l3 * inv3;
      const r2 = q1 * q1 + q2 * q2 + q3 * q3;
      if (r2 > outer2) continue;
      const idx = j * nx + i;
      if (r2 <= 1) {
        hu[idx] = h.hu;
        tissue[idx] = Tissue.Blood;
        continue;
      }
      const d = signedSurfaceDistance(h, l1, l2, l3);
      if (d > tMax) continue;
      const t = fatThickness(h, l1, l2, l3);
      if (d < t) {
        hu[idx] = h.fatHu;
        tissue[idx] = Tissue.Fat;
      } else if (d < t + h.periMm) {
        hu[idx] = 18;
        tissue[idx] = Tissue.Soft;
      } else if (d < t + h.periMm + 4 && tissue[idx] === Tissue.Lung) {
        hu[idx] = h.fatHu + 10;
        tissue[idx] = Tissue.Fat;
      }
    }
  }
}
