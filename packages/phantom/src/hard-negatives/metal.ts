/** Metal (sternal wires, a pacemaker lead) and the streaks it casts. */
import { type Anatomy, heartSurfacePoint } from '../anatomy';
import type { Rng } from '../random';
import { type Grid, sternumGeometry } from '../render';
import { type Vec3, add, addScaled, distance, dot, sub } from '../vec';
import { minDistancePolylineToVessels } from './geometry';

/** Clean value of metal (steel is far beyond the CT scale; partial volume and blur still leave ≥ 2000 HU). */
const WIRE_HU = 16000;
const LEAD_HU = 14000;
const DEG = Math.PI / 180;

export interface MetalObject {
  kind: 'sternal-wires' | 'pacemaker-lead';
  /** Polylines (mm) with their radius. */
  parts: Array<{ line: Vec3[]; radiusMm: number }>;
  hu: number;
  centre: Vec3;
  /** Filled by stampMetal: voxel index → metal fraction. */
  voxels: Map<number, number>;
}

/** Two to five wire loops round the (possibly displaced) sternum, 20–28 mm apart. */
export function sternalWires(a: Anatomy, g: Grid, rng: Rng, shiftAt: (zb: number) => number): MetalObject[] {
  const st = sternumGeometry(a);
  const zMin = g.origin[2];
  const zMax = g.origin[2] + (g.slices - 1) * g.spacing[2];
  const count = rng.int(2, 5);
  const spacing = rng.uniform(20, 28);
  const start = Math.max(st.bottomZ + 8, zMin + 4) + rng.uniform(0, 6);
  const wires: MetalObject[] = [];
  for (let k = 0; k < count; k++) {
    const z = start + k * spacing + rng.uniform(-3, 3);
    const tilt = rng.uniform(-0.25, 0.25);
    const semiX = st.semiX + rng.uniform(1, 2.5);
    const semiY = st.semiY + rng.uniform(1.2, 2.5);
    const radius = rng.uniform(0.45, 0.6);
    if (z > zMax - 3) break;
    const cy = st.cy + shiftAt(z);
    const line: Vec3[] = [];
    for (let j = 0; j <= 48; j++) {
      const ang = (2 * Math.PI * j) / 48;
      const y = cy + semiY * Math.sin(ang);
      line.push([semiX * Math.cos(ang), y, z + tilt * (y - cy)]);
    }
    if (minDistancePolylineToVessels(a, line) < radius + 2.5) continue;
    wires.push({
      kind: 'sternal-wires',
      parts: [{ line, radiusMm: radius }],
      hu: WIRE_HU,
      centre: [0, cy, z],
      voxels: new Map(),
    });
  }
  return wires;
}

/** Quadratic Bézier a → b with control m, every ~1 mm. */
export function curve(a: Vec3, m: Vec3, b: Vec3): Vec3[] {
  const n = Math.max(2, Math.ceil(distance(a, m) + distance(m, b)));
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

/** A pacemaker lead down the SVC into the right atrium and across to the right-ventricular apex. */
export function pacemakerLead(a: Anatomy, g: Grid, rng: Rng): MetalObject | null {
  const h = a.heart;
  const root = a.aorticRoot;
  const zTop = g.origin[2] + (g.slices - 1) * g.spacing[2] + 5;
  const jitter: Vec3 = [rng.uniform(-3, 3), rng.uniform(-3, 3), 0];
  const top = add([root[0] - 26, root[1] + 8, Math.max(zTop, root[2] + 20)], jitter);
  const svcLow = add([root[0] - 26, root[1] + 6, root[2] - 5], jitter);
  const radius = rng.uniform(0.9, 1.1);
  const raAngle = rng.uniform(-105, -85) * DEG;
  const apexT = rng.uniform(0.55, 0.68);
  const apexPhi = rng.uniform(-35, -15) * DEG;
  for (const depth of [15, 18, 21]) {
    const ra = heartSurfacePoint(h, h.avGroove - 0.12, raAngle, -depth);
    const apex = heartSurfacePoint(h, apexT, apexPhi, -depth + 4);
    const centre = heartSurfacePoint(h, 0, -60 * DEG, -depth - 6);
    const line = [
      top,
      ...curve(svcLow, addScaled(svcLow, sub(ra, svcLow), 0.6), ra),
      ...curve(ra, centre, apex).slice(1),
    ];
    if (minDistancePolylineToVessels(a, line) < radius + 3) continue;
    const tipStart = Math.max(0, line.length - 10);
    return {
      kind: 'pacemaker-lead',
      parts: [
        { line: line.slice(0, tipStart + 1), radiusMm: radius },
        { line: line.slice(tipStart), radiusMm: radius + 0.5 },
      ],
      hu: LEAD_HU,
      centre: ra,
      voxels: new Map(),
    };
  }
  return null;
}

/** Draws metal with sub-voxel coverage (3 × 3 × n samples per voxel), recording each voxel's metal fraction. */
export function stampMetal(m: MetalObject, g: Grid, clean: Float32Array): void {
  const [sx, sy, sz] = g.spacing;
  const nz = Math.min(8, Math.max(3, Math.round(sz / 0.5)));
  const plane = g.cols * g.rows;
  const halfDiag = 0.5 * Math.hypot(sx, sy, sz);
  for (const part of m.parts) {
    const r = part.radiusMm;
    const r2 = r * r;
    const line = part.line;
    for (let s = 1; s < line.length; s++) {
      const p = line[s - 1];
      const q = line[s];
      const d = sub(q, p);
      const len2 = dot(d, d) || 1;
      const reach = r + halfDiag;
      const x0 = Math.max(0, Math.ceil((Math.min(p[0], q[0]) - reach - g.origin[0]) / sx));
      const x1 = Math.min(g.cols - 1, Math.floor((Math.max(p[0], q[0]) + reach - g.origin[0]) / sx));
      const y0 = Math.max(0, Math.ceil((Math.min(p[1], q[1]) - reach - g.origin[1]) / sy));
      const y1 = Math.min(g.rows - 1, Math.floor((Math.max(p[1], q[1]) + reach - g.origin[1]) / sy));
      const z0 = Math.max(0, Math.ceil((Math.min(p[2], q[2]) - reach - g.origin[2]) / sz));
      const z1 = Math.min(g.slices - 1, Math.floor((Math.max(p[2], q[2]) + reach - g.origin[2]) / sz));
      for (let z = z0; z <= z1; z++) {
        for (let y = y0; y <= y1; y++) {
          for (let x = x0; x <= x1; x++) {
            const cx = g.origin[0] + x * sx - p[0];
            const cy = g.origin[1] + y * sy - p[1];
            const cz = g.origin[2] + z * sz - p[2];
            let t = (cx * d[0] + cy * d[1] + cz * d[2]) / len2;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            const ex = cx - t * d[0];
            const ey = cy - t * d[1];
            const ez = cz - t * d[2];
            if (ex * ex + ey * ey + ez * ez > reach * reach) continue;
            let inside = 0;
            for (let kz = 0; kz < nz; kz++) {
              const dz = cz + ((kz + 0.5) / nz - 0.5) * sz;
              for (let ky = 0; ky < 3; ky++) {
                const dy = cy + ((ky + 0.5) / 3 - 0.5) * sy;
                for (let kx = 0; kx < 3; kx++) {
                  const dx = cx + ((kx + 0.5) / 3 - 0.5) * sx;
                  let u = (dx * d[0] + dy * d[1] + dz * d[2]) / len2;
                  u = u < 0 ? 0 : u > 1 ? 1 : u;
                  const fx = dx - u * d[0];
                  const fy = dy - u * d[1];
                  const fz = dz - u * d[2];
                  if (fx * fx + fy * fy + fz * fz <= r2) inside++;
                }
              }
            }
            if (inside === 0) continue;
            const i = z * plane + y * g.cols + x;
            const f = inside / (9 * nz);
            if (f > (m.voxels.get(i) ?? 0)) m.voxels.set(i, f);
          }
        }
      }
    }
  }
  for (const [i, f] of m.voxels) clean[i] = clean[i] * (1 - f) + m.hu * f;
}

/**
 * Streak artefact: in every slice the metal crosses, 5–9 lines through the metal's centroid, alternately bright and
 * dark, each 1.6–3.2 mm wide with a triangular profile, fading as L / (L + distance) with L = 25 mm. Strength grows
 * with the metal cross-section in that slice (about 150 HU for a lead, up to 350 HU for a wire in its plane). Added to
 * the clean image inside the body (not to outside air), so it goes through blur like the rest of the image.
 */
export function addStreaks(m: MetalObject, g: Grid, clean: Float32Array, rng: Rng): void {
  const lines = rng.int(5, 9);
  const base = rng.uniform(0, Math.PI);
  const cosA = new Float64Array(lines);
  const sinA = new Float64Array(lines);
  const gain = new Float64Array(lines);
  for (let j = 0; j < lines; j++) {
    const ang = base + (Math.PI * j) / lines + rng.uniform(-0.12, 0.12);
    cosA[j] = Math.cos(ang);
    sinA[j] = Math.sin(ang);
    gain[j] = (j % 2 === 0 ? 1 : -1) * rng.uniform(0.6, 1);
  }
  const halfWidth = rng.uniform(0.8, 1.6);
  const fadeMm = 25;
  const reachMm = 130;
  const [sx, sy] = g.spacing;
  const plane = g.cols * g.rows;
  const perSlice = new Map<number, { wx: number; wy: number; w: number }>();
  for (const [i, f] of m.voxels) {
    const z = Math.floor(i / plane);
    const r = i - z * plane;
    const y = Math.floor(r / g.cols);
    const x = r - y * g.cols;
    const acc = perSlice.get(z) ?? { wx: 0, wy: 0, w: 0 };
    acc.wx += f * x;
    acc.wy += f * y;
    acc.w += f;
    perSlice.set(z, acc);
  }
  for (const [z, acc] of perSlice) {
    const areaMm2 = acc.w * sx * sy;
    if (areaMm2 < 0.3) continue;
    const amplitude = Math.min(350, 40 + 40 * areaMm2);
    const cxMm = g.origin[0] + (acc.wx / acc.w) * sx;
    const cyMm = g.origin[1] + (acc.wy / acc.w) * sy;
    const x0 = Math.max(0, Math.ceil((cxMm - reachMm - g.origin[0]) / sx));
    const x1 = Math.min(g.cols - 1, Math.floor((cxMm + reachMm - g.origin[0]) / sx));
    const y0 = Math.max(0, Math.ceil((cyMm - reachMm - g.origin[1]) / sy));
    const y1 = Math.min(g.rows - 1, Math.floor((cyMm + reachMm - g.origin[1]) / sy));
    for (let y = y0; y <= y1; y++) {
      const dy = g.origin[1] + y * sy - cyMm;
      const row = z * plane + y * g.cols;
      for (let x = x0; x <= x1; x++) {
        const i = row + x;
        if (clean[i] < -950) continue;
        const dx = g.origin[0] + x * sx - cxMm;
        let add = 0;
        for (let j = 0; j < lines; j++) {
          let perp = dx * sinA[j] - dy * cosA[j];
          perp = perp < 0 ? -perp : perp;
          if (perp >= halfWidth) continue;
          let along = dx * cosA[j] + dy * sinA[j];
          along = along < 0 ? -along : along;
          add += gain[j] * (1 - perp / halfWidth) * (fadeMm / (fadeMm + along));
        }
        if (add !== 0) clean[i] += amplitude * add;
      }
    }
  }
}
