/**
 * Calcium deposits: coronary lesions along the four arteries and non-coronary distractors (aortic wall, aortic valve,
 * mitral annulus). Blobs are solid ellipsoids drawn with partial-volume (sub-voxel sampling), so small or faint lesions
 * fade in thick slices as they do on a scanner.
 */
import { CalciumLabel, type CoronaryArtery } from '@cacscreen/scoring';
import type { Anatomy } from './anatomy';
import { heartSurfacePoint } from './anatomy';
import type { Rng } from './random';
import { referenceAgatston } from './reference-agatston';
import type { Grid } from './render';
import type { BurdenCategory } from './settings';
import { Vec3, add, addScaled, cross, distance, normalize, perpendicular, scale, sub } from './vec';

/**
 * What a deposit is. All but 'coronary' are label 5 (other calcium). 'lymph-node' (calcified mediastinal node) and
 * 'aortic-root' (aortic-root wall next to a coronary ostium) only come with `hardNegatives`.
 */
export type CalciumKind = 'coronary' | 'aortic-wall' | 'aortic-valve' | 'mitral-annulus' | 'aortic-root' | 'lymph-node';

export interface CalciumBlob {
  kind: CalciumKind;
  label: CalciumLabel;
  artery?: CoronaryArtery;
  /** Body coordinates (mm). */
  centre: Vec3;
  axes: [Vec3, Vec3, Vec3];
  semiAxesMm: Vec3;
  peakHu: number;
  /** Least clearance to deposits placed before it (mm); default 3. Foci of one lymph node sit closer. */
  minGapMm?: number;
}

/** The image-formation pieces a blob needs to know its own Agatston contribution. */
export interface Canvas {
  grid: Grid;
  clean: Float32Array;
  noise: Float32Array;
  /** Blob id (1-based) per voxel that a blob may have brightened; 0 elsewhere. */
  support: Uint16Array;
  /** Separable in-plane blur kernel (odd length, sums to 1). */
  kernel: Float32Array;
  /**
   * Sharp reconstruction: final = (1 + amount) · kernel ∗ clean − amount · wide ∗ clean (an unsharp mask of the
   * blurred image). Absent for the smooth kernel.
   */
  sharpen?: { amount: number; wide: Float32Array };
  /** Voxels a deposit may not claim (bone and metal, with hard negatives); absent: none. */
  excluded?: Uint8Array;
  sliceThicknessMm: number;
}

/** Reach (voxels) of the in-plane point-spread, sharpening included. */
function psfRadius(c: Canvas): number {
  const kr = (c.kernel.length - 1) / 2;
  return c.sharpen ? Math.max(kr, (c.sharpen.wide.length - 1) / 2) : kr;
}

const ARTERIES: readonly CoronaryArtery[] = ['LM', 'LAD', 'LCX', 'RCA'];
const ARTERY_WEIGHTS = [0.1, 0.4, 0.2, 0.3];
const ARTERY_LABEL: Record<CoronaryArtery, CalciumLabel> = {
  LM: CalciumLabel.LM,
  LAD: CalciumLabel.LAD,
  LCX: CalciumLabel.LCX,
  RCA: CalciumLabel.RCA,
};

/** Agatston window each burden aims for (a target drawn inside it) and the hard cap per study. */
const BURDEN_PLAN: Record<
  Exclude<BurdenCategory, 'none'>,
  { target: [number, number]; cap: number; semi: [number, number]; peak: [number, number] }
> = {
  low: { target: [8, 70], cap: 92, semi: [0.6, 1.6], peak: [150, 500] },
  moderate: { target: [140, 340], cap: 385, semi: [0.7, 2.2], peak: [180, 800] },
  high: { target: [480, 1400], cap: 4000, semi: [0.9, 2.5], peak: [250, 900] },
};

function span(minMm: number, maxMm: number, origin: number, step: number, n: number): [number, number] {
  return [Math.max(0, Math.ceil((minMm - origin) / step)), Math.min(n - 1, Math.floor((maxMm - origin) / step))];
}

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  z0: number;
  z1: number;
}

function blobBox(b: CalciumBlob, g: Grid, marginMm: number): Box {
  const reach = Math.max(...b.semiAxesMm) + marginMm;
  const [sx, sy, sz] = g.spacing;
  const [x0, x1] = span(b.centre[0] - reach, b.centre[0] + reach, g.origin[0], sx, g.cols);
  const [y0, y1] = span(b.centre[1] - reach, b.centre[1] + reach, g.origin[1], sy, g.rows);
  const [z0, z1] = span(b.centre[2] - reach, b.centre[2] + reach, g.origin[2], sz, g.slices);
  return { x0, x1, y0, y1, z0, z1 };
}

/**
 * Draws the blob into canvas.clean with sub-voxel coverage, marks its support with `id`, and returns the indices and
 * previous values of the voxels it changed (so a rejected blob can be undone).
 */
function stampBlob(b: CalciumBlob, id: number, c: Canvas): { index: number[]; before: number[] } {
  const g = c.grid;
  const [sx, sy, sz] = g.spacing;
  const kr = psfRadius(c);
  const supportMargin = 0.5 * Math.hypot(sx, sy, sz) + kr * Math.max(sx, sy);
  const box = blobBox(b, g, supportMargin);
  const nxy = 3;
  const nz = Math.min(10, Math.max(3, Math.round(sz / 0.5)));
  const [u, v, w] = b.axes;
  const [a0, a1, a2] = b.semiAxesMm;
  const plane = g.cols * g.rows;
  const index: number[] = [];
  const before: number[] = [];
  const ea = a0 + supportMargin;
  const eb = a1 + supportMargin;
  const ec = a2 + supportMargin;
  for (let z = box.z0; z <= box.z1; z++) {
    for (let y = box.y0; y <= box.y1; y++) {
      for (let x = box.x0; x <= box.x1; x++) {
        const cx = g.origin[0] + x * sx - b.centre[0];
        const cy = g.origin[1] + y * sy - b.centre[1];
        const cz = g.origin[2] + z * sz - b.centre[2];
        const pa = (cx * u[0] + cy * u[1] + cz * u[2]) / ea;
        const pb = (cx * v[0] + cy * v[1] + cz * v[2]) / eb;
        const pc = (cx * w[0] + cy * w[1] + cz * w[2]) / ec;
        if (pa * pa + pb * pb + pc * pc > 1) continue;
        let inside = 0;
        for (let kz = 0; kz < nz; kz++) {
          const dz = cz + ((kz + 0.5) / nz - 0.5) * sz;
          for (let ky = 0; ky < nxy; ky++) {
            const dy = cy + ((ky + 0.5) / nxy - 0.5) * sy;
            for (let kx = 0; kx < nxy; kx++) {
              const dx = cx + ((kx + 0.5) / nxy - 0.5) * sx;
              const qa = (dx * u[0] + dy * u[1] + dz * u[2]) / a0;
              const qb = (dx * v[0] + dy * v[1] + dz * v[2]) / a1;
              const qc = (dx * w[0] + dy * w[1] + dz * w[2]) / a2;
              if (qa * qa + qb * qb + qc * qc <= 1) inside++;
            }
          }
        }
        const i = z * plane + y * g.cols + x;
        if (c.support[i] !== 0 && c.support[i] !== id) continue;
        if (c.excluded !== undefined && c.excluded[i] !== 0) continue;
        index.push(i);
        before.push(c.clean[i]);
        const f = inside / (nxy * nxy * nz);
        if (f > 0) c.clean[i] = c.clean[i] * (1 - f) + b.peakHu * f;
        c.support[i] = id;
      }
    }
  }
  return { index, before };
}

function undoStamp(stamp: { index: number[]; before: number[] }, c: Canvas): void {
  for (let k = 0; k < stamp.index.length; k++) {
    c.clean[stamp.index[k]] = stamp.before[k];
    c.support[stamp.index[k]] = 0;
  }
}

/** Final (blurred + noise, rounded) HU of voxel (x, y, z), as ./thorax.ts will compute it for the whole volume. */
export function finalHuAt(c: Canvas, x: number, y: number, z: number): number {
  const g = c.grid;
  const base = z * g.cols * g.rows;
  const acc = convolveAt(c.clean, g, c.kernel, base, x, y);
  if (!c.sharpen) return quantiseHu(acc + c.noise[base + y * g.cols + x]);
  const { amount, wide } = c.sharpen;
  const sharp = (1 + amount) * acc - amount * convolveAt(c.clean, g, wide, base, x, y);
  return quantiseHu(sharp + c.noise[base + y * g.cols + x]);
}

function convolveAt(clean: Float32Array, g: Grid, kernel: Float32Array, base: number, x: number, y: number): number {
  const kr = (kernel.length - 1) / 2;
  let acc = 0;
  for (let ky = -kr; ky <= kr; ky++) {
    const yy = y + ky < 0 ? 0 : y + ky > g.rows - 1 ? g.rows - 1 : y + ky;
    let row = 0;
    for (let kx = -kr; kx <= kr; kx++) {
      const xx = x + kx < 0 ? 0 : x + kx > g.cols - 1 ? g.cols - 1 : x + kx;
      row += kernel[kx + kr] * clean[base + yy * g.cols + xx];
    }
    acc += kernel[ky + kr] * row;
  }
  return acc;
}

/** Rounds to the nearest integer HU (halves away from zero) and clamps to [−1024, 3071]; no Math.* (hot loop). */
export function quantiseHu(v: number): number {
  if (v <= -1024) return -1024;
  if (v >= 3071) return 3071;
  return v >= 0 ? (v + 0.5) | 0 : -((-v + 0.5) | 0);
}

/** Agatston contribution of one stamped blob, from its own support voxels only. */
function blobAgatston(b: CalciumBlob, id: number, c: Canvas): number {
  const g = c.grid;
  const [sx, sy, sz] = g.spacing;
  const box = blobBox(b, g, 0.5 * Math.hypot(sx, sy, sz) + psfRadius(c) * Math.max(sx, sy) + 0.01);
  const w = box.x1 - box.x0 + 1;
  const h = box.y1 - box.y0 + 1;
  const d = box.z1 - box.z0 + 1;
  if (w <= 0 || h <= 0 || d <= 0) return 0;
  const hu = new Float32Array(w * h * d);
  const mask = new Uint8Array(w * h * d);
  const plane = g.cols * g.rows;
  for (let z = 0; z < d; z++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const gi = (box.z0 + z) * plane + (box.y0 + y) * g.cols + box.x0 + x;
        if (c.support[gi] !== id) continue;
        const li = x + y * w + z * w * h;
        mask[li] = 1;
        hu[li] = finalHuAt(c, box.x0 + x, box.y0 + y, box.z0 + z);
      }
    }
  }
  return referenceAgatston(hu, mask, [w, h, d], g.spacing, c.sliceThicknessMm, {}, 1)[1];
}

export function randomFrame(tangent: Vec3, rng: Rng): [Vec3, Vec3, Vec3] {
  const t = normalize(tangent);
  const p = perpendicular(t);
  const q = cross(t, p);
  const roll = rng.uniform(0, 2 * Math.PI);
  const v = add(scale(p, Math.cos(roll)), scale(q, Math.sin(roll)));
  return [t, v, cross(t, v)];
}

function farFromOthers(b: CalciumBlob, placed: readonly CalciumBlob[], gapMm: number): boolean {
  const rb = Math.max(...b.semiAxesMm);
  return placed.every((o) => distance(o.centre, b.centre) > rb + Math.max(...o.semiAxesMm) + gapMm);
}

export function insideGrid(p: Vec3, g: Grid, marginMm: number): boolean {
  for (let a = 0; a < 3; a++) {
    const n = a === 0 ? g.cols : a === 1 ? g.rows : g.slices;
    const lo = g.origin[a] + marginMm;
    const hi = g.origin[a] + (n - 1) * g.spacing[a] - marginMm;
    if (p[a] < lo || p[a] > hi) return false;
  }
  return true;
}

export interface PlacedBlob extends CalciumBlob {
  id: number;
  /** Agatston of this blob alone on the final image (its own support voxels). */
  agatston: number;
}

/** Non-coronary calcium: aortic wall plaques, aortic valve nodules, occasionally mitral annular calcification. */
export function distractorBlobs(a: Anatomy, rng: Rng): CalciumBlob[] {
  const out: CalciumBlob[] = [];
  const aorta = a.aorta;
  const plaques = rng.int(0, 5);
  for (let k = 0; k < plaques; k++) {
    const s = Math.floor(rng.uniform(0.2, 1) * (aorta.points.length - 2)) + 1;
    const tangent = sub(aorta.points[s + 1], aorta.points[s - 1]);
    const axes = randomFrame(tangent, rng);
    const radial = axes[1];
    out.push({
      kind: 'aortic-wall',
      label: CalciumLabel.OtherCalcium,
      centre: addScaled(aorta.points[s], radial, aorta.radiusMm - 0.6),
      axes,
      semiAxesMm: [rng.uniform(1.5, 5), rng.uniform(0.8, 1.5), rng.uniform(1.5, 4)],
      peakHu: rng.uniform(250, 1000),
    });
  }
  if (rng.chance(0.35)) {
    const up = normalize(sub(aorta.points[Math.min(8, aorta.points.length - 1)], aorta.points[0]));
    const nodules = rng.int(1, 3);
    const [, p, q] = randomFrame(up, rng);
    for (let k = 0; k < nodules; k++) {
      const ang = rng.uniform(0, 2 * Math.PI);
      const dir = add(scale(p, Math.cos(ang)), scale(q, Math.sin(ang)));
      out.push({
        kind: 'aortic-valve',
        label: CalciumLabel.OtherCalcium,
        centre: addScaled(a.aorticRoot, dir, a.aorticRootRadiusMm * rng.uniform(0.4, 0.75)),
        axes: randomFrame(dir, rng),
        semiAxesMm: [rng.uniform(1, 2.5), rng.uniform(1, 2.5), rng.uniform(1, 2)],
        peakHu: rng.uniform(300, 900),
      });
    }
  }
  if (rng.chance(0.15)) {
    const h = a.heart;
    const phi = (rng.uniform(100, 170) * Math.PI) / 180;
    const p0 = heartSurfacePoint(h, h.avGroove + 0.03, phi, -5);
    const p1 = heartSurfacePoint(h, h.avGroove + 0.03, phi + 0.1, -5);
    out.push({
      kind: 'mitral-annulus',
      label: CalciumLabel.OtherCalcium,
      centre: p0,
      axes: randomFrame(sub(p1, p0), rng),
      semiAxesMm: [rng.uniform(2, 5), rng.uniform(1.2, 2), rng.uniform(1.2, 2)],
      peakHu: rng.uniform(300, 800),
    });
  }
  return out;
}

function coronaryCandidate(a: Anatomy, burden: Exclude<BurdenCategory, 'none'>, rng: Rng): CalciumBlob {
  const plan = BURDEN_PLAN[burden];
  const artery = ARTERIES[rng.weighted(ARTERY_WEIGHTS)];
  const path = a.vessels.find((v) => v.artery === artery)!.points;
  const u = artery === 'LM' ? rng.next() : Math.pow(rng.next(), 1.5);
  const s = Math.min(path.length - 2, Math.max(1, Math.floor(u * (path.length - 1))));
  const tangent = sub(path[s + 1], path[s - 1]);
  const axes = randomFrame(tangent, rng);
  const along = rng.uniform(plan.semi[0], plan.semi[1] * 1.2);
  return {
    kind: 'coronary',
    label: ARTERY_LABEL[artery],
    artery,
    centre: addScaled(path[s], axes[1], rng.uniform(0.6, 1.2)),
    axes,
    semiAxesMm: [
      Math.min(2.5, along),
      rng.uniform(plan.semi[0], plan.semi[1]),
      rng.uniform(plan.semi[0], plan.semi[1]),
    ],
    peakHu: rng.uniform(plan.peak[0], plan.peak[1]),
  };
}

/**
 * Places distractors, then `extra` non-coronary deposits (hard negatives), then coronary lesions one by one (each
 * scored on the final image) until the burden's Agatston target is reached without passing its cap. Returns every
 * placed blob with its own Agatston.
 */
export function placeCalcium(
  a: Anatomy,
  c: Canvas,
  burden: BurdenCategory,
  distractors: boolean,
  rng: Rng,
  extra: readonly CalciumBlob[] = [],
): PlacedBlob[] {
  const placed: PlacedBlob[] = [];
  const tryPlace = (b: CalciumBlob, accept: (score: number) => boolean): boolean => {
    if (!insideGrid(b.centre, c.grid, Math.max(...b.semiAxesMm) + 1)) return false;
    if (!farFromOthers(b, placed, b.minGapMm ?? 3)) return false;
    const id = placed.length + 1;
    const stamp = stampBlob(b, id, c);
    const score = blobAgatston(b, id, c);
    if (score <= 0 || !accept(score)) {
      undoStamp(stamp, c);
      return false;
    }
    placed.push({ ...b, id, agatston: score });
    return true;
  };
  const distractorRng = rng.fork(1);
  const lesionRng = rng.fork(2);
  if (distractors) for (const b of distractorBlobs(a, distractorRng)) tryPlace(b, () => true);
  for (const b of extra) tryPlace(b, () => true);
  if (burden === 'none') return placed;
  const plan = BURDEN_PLAN[burden];
  const target = lesionRng.uniform(plan.target[0], plan.target[1]);
  let total = 0;
  for (let attempt = 0; attempt < 600 && total < target; attempt++) {
    const b = coronaryCandidate(a, burden, lesionRng);
    tryPlace(b, (score) => {
      if (total + score > plan.cap) return false;
      total += score;
      return true;
    });
  }
  return placed;
}
