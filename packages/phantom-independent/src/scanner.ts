/**
 * Scanner: protocol choice (ECG-gated calcium score, non-gated chest, chest-abdomen), the reconstruction grid,
 * the in-plane kernel (smooth Gaussian, or sharp with edge overshoot), slice profile, noise and streaks.
 */
import { Heart } from './heart';
import { Patient, torsoAt } from './patient';
import { Rng } from './rng';
import { Grid } from './slice';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { ceil, exp, floor, max, min, round, sin } = Math;

export type Protocol = 'gated' | 'chest' | 'chest-abdomen';

export interface Settings {
  seed: number;
  protocol: Protocol;
  sliceThicknessMm: number;
  pixelSpacingMm: number;
  fieldOfViewMm: number;
  kernel: 'smooth' | 'sharp';
  noiseHu: number;
  motion: boolean;
  kvp: number;
}

export interface ScanPlan {
  settings: Settings;
  grid: Grid;
  /** Slice centre z (mm), ascending. */
  zs: number[];
  spacingZ: number;
  /** Offsets (mm) of the anatomy sub-samples averaged into each slice (slice profile). */
  sub: number[];
  /** Gaussian-equivalent SD of the kernel (mm) and the Gaussian SD of the slice profile (mm). */
  sigmaMm: number;
  sspSigma: number;
  /** Separable 1-D kernel taps (pixels), centred. */
  taps: Float64Array;
  /** SD of the white noise added before the kernel so the result has noiseHu SD. */
  preNoiseSd: number;
  /** Beam-hardening streak between sternum and spine: amplitude (HU, negative) and width SD (mm); 0 = none. */
  streakHu: number;
  streakWidth: number;
  motionSeverity: number;
}

export function chooseProtocol(rng: Rng): { protocol: Protocol; kvp: number } {
  const protocol = rng.weighted<Protocol>([
    ['gated', 0.3],
    ['chest', 0.45],
    ['chest-abdomen', 0.25],
  ]);
  const kvp =
    protocol === 'gated'
      ? 120
      : rng.weighted([
          [100, 0.25],
          [110, 0.05],
          [120, 0.55],
          [130, 0.05],
          [140, 0.1],
        ]);
  return { protocol, kvp };
}

function gaussTaps(sigmaPx: number, radius: number): Float64Array {
  const t = new Float64Array(2 * radius + 1);
  let s = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = exp((-0.5 * i * i) / (sigmaPx * sigmaPx));
    t[i + radius] = v;
    s += v;
  }
  for (let i = 0; i < t.length; i++) t[i] /= s;
  return t;
}

export function planScan(rng: Rng, seed: number, protocol: Protocol, kvp: number, p: Patient, h: Heart): ScanPlan {
  const N = 512;
  const T0 = torsoAt(p, 0);
  let fov: number;
  let cx: number;
  let cy: number;
  let thick: number;
  let zTop: number;
  let zBot: number;
  let kernel: 'smooth' | 'sharp';
  let noise: number;
  if (protocol === 'gated') {
    fov = rng.uniform(155, 250);
    cx = h.c[0] + rng.uniform(-8, 8);
    cy = h.c[1] + rng.uniform(-8, 8);
    thick = rng.chance(0.8) ? 3 : 2.5;
    const top = h.c[2] + h.ext[2] + rng.uniform(8, 20);
    const bot = h.c[2] - h.ext[2] - rng.uniform(5, 15);
    const n = max(40, min(60, round((top - bot) / thick)));
    const mid = (top + bot) / 2 + rng.uniform(-3, 3);
    zBot = mid - ((n - 1) * thick) / 2;
    zTop = zBot + (n - 1) * thick;
    kernel = rng.chance(0.85) ? 'smooth' : 'sharp';
    noise = kernel === 'smooth' ? rng.uniform(10, 30) : rng.uniform(18, 40);
  } else {
    const width = 2 * T0.a;
    fov = rng.chance(0.15) ? width - rng.uniform(0, 30) : width + rng.uniform(10, 70);
    fov = max(300, min(500, fov));
    cx = rng.uniform(-10, 10);
    cy = (T0.bPost - T0.bAnt) / 2 + rng.uniform(-10, 10);
    thick =
      protocol === 'chest'
        ? rng.weighted([
            [1, 0.1],
            [1.25, 0.05],
            [1.5, 0.05],
            [2, 0.15],
            [2.5, 0.15],
            [3, 0.2],
            [5, 0.3],
          ])
        : rng.weighted([
            [4, 0.3],
            [5, 0.7],
          ]);
    zTop = p.zApex + rng.uniform(5, 25);
    zBot =
      protocol === 'chest'
        ? min(h.c[2] - h.ext[2], p.zDomeL) - rng.uniform(25, 60)
        : min(p.zKidneyR, p.zKidneyL) - 60 - rng.uniform(0, 40);
    kernel = rng.chance(0.65) ? 'smooth' : 'sharp';
    noise = kernel === 'smooth' ? rng.uniform(8, 35) : rng.uniform(20, 50);
  }
  const px = fov / N;
  let spacing = thick;
  if ((zTop - zBot) / spacing + 1 > 120) spacing = ceil(((zTop - zBot) / 119) * 4) / 4;
  const n = floor((zTop - zBot) / spacing + 1e-6) + 1;
  const zs = Array.from({ length: n }, (_, k) => zBot + k * spacing);

  // Kernel: smooth = Gaussian 0.7-1.0 mm; sharp = narrower Gaussian with an overshoot lobe (unsharp mask).
  const sigmaMm = kernel === 'smooth' ? rng.uniform(0.7, 1.0) : rng.uniform(0.35, 0.55);
  const alpha = kernel === 'smooth' ? 0 : rng.uniform(0.3, 0.6);
  const s1 = sigmaMm / px;
  const s2 = (sigmaMm * 2) / px;
  const radius = max(1, ceil(2.6 * (alpha > 0 ? s2 : s1)));
  const g1 = gaussTaps(s1, radius);
  const g2 = gaussTaps(s2, radius);
  const taps = new Float64Array(2 * radius + 1);
  let sumSq = 0;
  for (let i = 0; i < taps.length; i++) {
    taps[i] = (1 + alpha) * g1[i] - alpha * g2[i];
    sumSq += taps[i] * taps[i];
  }
  const motion = protocol !== 'gated';
  return {
    settings: {
      seed,
      protocol,
      sliceThicknessMm: thick,
      pixelSpacingMm: px,
      fieldOfViewMm: fov,
      kernel,
      noiseHu: noise,
      motion,
      kvp,
    },
    grid: { nx: N, ny: N, x0: cx - fov / 2 + px / 2, y0: cy - fov / 2 + px / 2, px },
    zs,
    spacingZ: spacing,
    sub: thick >= 2.5 ? [-thick / 4, thick / 4] : [0],
    sigmaMm,
    sspSigma: thick * 0.32,
    taps,
    preNoiseSd: noise / sumSq,
    streakHu: protocol !== 'gated' && rng.chance(0.35) ? -rng.uniform(20, 60) : 0,
    streakWidth: rng.uniform(1.5, 3.5),
    motionSeverity: motion ? rng.uniform(0.2, 1.2) : 0,
  };
}

/** Separable convolution of one slice with the plan's symmetric taps (edges clamp); pad holds nx + taps. */
export function applyKernel(
  img: Float64Array,
  tmp: Float64Array,
  nx: number,
  ny: number,
  taps: Float64Array,
  pad: Float64Array,
): void {
  const r = (taps.length - 1) >> 1;
  const c = taps[r];
  for (let j = 0; j < ny; j++) {
    const row = j * nx;
    const first = img[row];
    const last = img[row + nx - 1];
    for (let k = 0; k < r; k++) {
      pad[k] = first;
      pad[nx + r + k] = last;
    }
    for (let i = 0; i < nx; i++) pad[i + r] = img[row + i];
    for (let i = 0; i < nx; i++) tmp[row + i] = c * pad[i + r];
    for (let k = 1; k <= r; k++) {
      const w = taps[r + k];
      const a = r - k;
      const b = r + k;
      for (let i = 0; i < nx; i++) tmp[row + i] += w * (pad[a + i] + pad[b + i]);
    }
  }
  for (let j = 0; j < ny; j++) {
    const dst = j * nx;
    for (let i = 0; i < nx; i++) img[dst + i] = c * tmp[dst + i];
    for (let k = 1; k <= r; k++) {
      const w = taps[r + k];
      const sa = (j - k < 0 ? 0 : j - k) * nx;
      const sb = (j + k >= ny ? ny - 1 : j + k) * nx;
      for (let i = 0; i < nx; i++) img[dst + i] += w * (tmp[sa + i] + tmp[sb + i]);
    }
  }
}

/** Table of standard normal deviates indexed by a cheap xorshift (fast per-voxel noise). */
export function normalTable(rng: Rng): Float64Array {
  const t = new Float64Array(1 << 16);
  for (let i = 0; i < t.length; i++) t[i] = rng.normal();
  return t;
}

/** Add white noise (SD sd) to img; returns the advanced xorshift state. */
export function addNoise(img: Float64Array, sd: number, table: Float64Array, state: number): number {
  let s = state | 0 || 1;
  for (let i = 0; i < img.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    img[i] += sd * table[(s >>> 8) & 0xffff];
  }
  return s;
}

/** Dark beam-hardening band between two dense bones (points in patient x, y). */
export function paintStreak(
  img: Float64Array,
  grid: Grid,
  a: [number, number],
  b: [number, number],
  hu: number,
  width: number,
): void {
  const { nx, ny, x0, y0, px } = grid;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy || 1;
  const m = 3 * width;
  const i0 = max(0, floor((min(a[0], b[0]) - m - x0) / px));
  const i1 = min(nx - 1, ceil((max(a[0], b[0]) + m - x0) / px));
  const j0 = max(0, floor((min(a[1], b[1]) - m - y0) / px));
  const j1 = min(ny - 1, ceil((max(a[1], b[1]) + m - y0) / px));
  const k = -0.5 / (width * width);
  for (let j = j0; j <= j1; j++) {
    const py = y0 + j * px - a[1];
    for (let i = i0; i <= i1; i++) {
      const pxx = x0 + i * px - a[0];
      const t = (pxx * dx + py * dy) / len2;
      if (t <= 0 || t >= 1) continue;
      const ex = pxx - t * dx;
      const ey = py - t * dy;
      const taper = sin(Math.PI * t);
      img[j * nx + i] += hu * taper * exp(k * (ex * ex + ey * ey));
    }
  }
}
