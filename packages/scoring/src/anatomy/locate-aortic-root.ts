/**
 * The aortic root, found by following the ascending aorta down to the heart. On non-contrast CT the ascending aorta
 * is a round blood-density tube of 24–48 mm right of and in front of the heart's base; it usually touches the
 * pulmonary trunk, the superior vena cava and the left atrium with no visible fat between them, so on the 4 mm grid
 * it never stands apart as a blob of its own. Its section is still the widest disc that fits in the soft tissue
 * there, so per slice the aorta shows as a peak of the in-plane distance to the nearest fat or lung (on a finer,
 * ~2 mm grid), and slice over slice those peaks form a vertical chain of near-constant radius.
 *
 * 1. Per coarse slice from the heart's centre to ABOVE_TOP_MM over its top: the distance peaks of radius
 *    RADIUS_MM inside the search window (right of / in front of the heart's centre).
 * 2. Chains: peaks linked across neighbouring slices (centre step and radius change bounded).
 * 3. The aorta is the tallest chain that starts no higher than just over the heart's top and reaches above it (the
 *    ascending aorta leaves the heart there; chambers end below the top).
 * 4. Following the chain down from the heart's top, the root is the last section still on the ascending aorta's
 *    axis: below it the chain bends away into the outflow tract and the ventricles.
 */
import type { Volume } from '@cacscreen/dicom';
import { type CoarseGrid, cellToNative, cellToPatient } from './coarse-grid';
import { signedDistance } from './distance-field';
import { blobs2d } from './slice-blobs';
import type { HeartFrame, Vec3 } from './heart-frame';

/** Fine in-plane cell (mm) of the distance map: a fat plane of 2–3 mm still shows. */
const FINE_CELL_MM = 2;
/** Blood or wall, not fat (mean HU of a fine cell): fat −100, blood and myocardium 30–60. */
const SOFT_HU: [number, number] = [-10, 200];
/** Non-soft specks of up to this many fine cells inside soft tissue are noise (low-dose, thin slices). */
const NOISE_HOLE_CELLS = 4;
/** Inscribed radius (mm) of an ascending aorta's section: 24–48 mm across, wall included. */
export const AORTA_RADIUS_MM: [number, number] = [10, 24];
/** Search window relative to the heart's centre (mm): how far right (LPS −x) and how far behind (+y). */
const RIGHTWARD_MM: [number, number] = [-10, 65];
const MAX_BEHIND_MM = 30;
const MAX_IN_FRONT_MM = 70;
/** Slices searched: from the heart's centre up to this far (mm) above the tracked heart's top. */
const ABOVE_TOP_MM = 50;
/**
 * Linking peaks of neighbouring slices: largest in-plane step (mm: a fixed part for the peak's jitter, plus the
 * slice spacing for the aorta's slope) and radius ratio.
 */
const STEP_JITTER_MM = 4;
const MAX_RADIUS_RATIO = 1.35;
/**
 * The chain must reach this far (mm) above the heart's top, and start no higher than START_ABOVE_TOP_MM over it (where
 * the aorta leaves the heart; on real CT the ascending aorta stays apart from the chambers 20–40 mm under the top).
 */
const REACH_MM = 8;
const START_ABOVE_TOP_MM = 15;
/** Down the chain, a section this far off the ascending aorta's axis (× its radius) has left the aorta. */
const OFF_AXIS_SHARE = 0.5;

export interface AorticRoot {
  centreMm: Vec3;
  radiusMm: number;
}

interface Peak {
  x: number;
  y: number;
  z: number;
  radius: number;
}

/** Mean HU of fine cells (f × f native pixels) over the given native slices, inside a box. */
function fineSlice(
  volume: Volume,
  natives: number[],
  box: { x0: number; y0: number; nx: number; ny: number; f: number },
) {
  const out = new Float32Array(box.nx * box.ny);
  for (const nz of natives) addSlice(volume, nz * volume.dims[0] * volume.dims[1], box, out);
  for (let p = 0; p < out.length; p++) out[p] /= natives.length;
  return out;
}

function addSlice(
  volume: Volume,
  base: number,
  box: { x0: number; y0: number; nx: number; ny: number; f: number },
  out: Float32Array,
) {
  const [cols, rows] = volume.dims;
  const { x0, y0, nx, ny, f } = box;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      let s = 0;
      let n = 0;
      for (let dy = 0; dy < f; dy++) {
        const r = y0 + j * f + dy;
        if (r < 0 || r >= rows) continue;
        for (let dx = 0; dx < f; dx++) {
          const c = x0 + i * f + dx;
          if (c < 0 || c >= cols) continue;
          s += volume.hu[base + r * cols + c];
          n++;
        }
      }
      out[j * nx + i] += n ? s / n : -1000;
    }
  }
}

/** Fills the non-soft components of at most NOISE_HOLE_CELLS cells inside the soft tissue (noise, not fat planes). */
function fillSpecks(soft: Uint8Array, nx: number, ny: number): void {
  const inverse = new Uint8Array(soft.length);
  for (let p = 0; p < soft.length; p++) inverse[p] = soft[p] ? 0 : 1;
  for (const blob of blobs2d(inverse, nx, ny)) {
    if (blob.cells.length <= NOISE_HOLE_CELLS) for (const p of blob.cells) soft[p] = 1;
  }
}

/** Local maxima of the in-plane depth inside the soft tissue, as inscribed discs (patient mm). */
export function distancePeaks(
  hu: Float32Array,
  nx: number,
  ny: number,
  cellMm: number,
  radiusMm: [number, number],
): { i: number; j: number; radius: number }[] {
  const soft = new Uint8Array(nx * ny);
  for (let p = 0; p < soft.length; p++) soft[p] = hu[p] >= SOFT_HU[0] && hu[p] <= SOFT_HU[1] ? 1 : 0;
  fillSpecks(soft, nx, ny);
  const d = signedDistance(soft, [nx, ny, 1], [cellMm, cellMm, cellMm]);
  const out: { i: number; j: number; radius: number }[] = [];
  const reach = Math.max(1, Math.round(radiusMm[0] / 2 / cellMm));
  for (let j = reach; j < ny - reach; j++) {
    for (let i = reach; i < nx - reach; i++) {
      const v = d[j * nx + i];
      const radius = -v + cellMm / 2;
      if (radius < radiusMm[0] || radius > radiusMm[1]) continue;
      let isPeak = true;
      for (let dj = -reach; dj <= reach && isPeak; dj++) {
        for (let di = -reach; di <= reach; di++) {
          const w = d[(j + dj) * nx + i + di];
          // Strictly deeper neighbours rule it out; on a plateau only the first cell in scan order counts.
          if (w < v || (w === v && (dj < 0 || (dj === 0 && di < 0)))) {
            isPeak = false;
            break;
          }
        }
      }
      if (isPeak) out.push({ i, j, radius });
    }
  }
  return out;
}

/** Chains of peaks over consecutive slices (slices sorted by patient z, ascending). */
export function chainPeaks(perSlice: Peak[][], maxStepMm: number): Peak[][] {
  const chains: Peak[][] = [];
  let open: Peak[][] = [];
  for (const peaks of perSlice) {
    const next: Peak[][] = [];
    const used = new Set<Peak>();
    for (const chain of open) {
      const last = chain[chain.length - 1];
      let best: Peak | null = null;
      let bestStep = maxStepMm;
      for (const p of peaks) {
        const step = Math.hypot(p.x - last.x, p.y - last.y);
        const ratio = Math.max(p.radius, last.radius) / Math.min(p.radius, last.radius);
        if (step <= bestStep && ratio <= MAX_RADIUS_RATIO) {
          best = p;
          bestStep = step;
        }
      }
      if (best) {
        used.add(best);
        next.push([...chain, best]);
      } else {
        chains.push(chain);
      }
    }
    for (const p of peaks) if (!used.has(p)) next.push([p]);
    open = next;
  }
  return [...chains, ...open];
}

/**
 * The root on a chain (ascending z) that crosses the heart's top: down from the top, the last section within
 * OFF_AXIS_SHARE of a radius of the aorta's axis there.
 */
export function rootOfChain(chain: Peak[], topMm: number): AorticRoot | null {
  const atTop = chain.reduce((a, b) => (Math.abs(b.z - topMm) < Math.abs(a.z - topMm) ? b : a));
  let root = atTop;
  for (let k = chain.indexOf(atTop) - 1; k >= 0; k--) {
    const p = chain[k];
    if (Math.hypot(p.x - atTop.x, p.y - atTop.y) > OFF_AXIS_SHARE * atTop.radius) break;
    root = p;
  }
  return { centreMm: [root.x, root.y, root.z], radiusMm: root.radius };
}

export function locateAorticRoot(
  grid: CoarseGrid,
  heart: Omit<HeartFrame, 'aorticRootMm' | 'aorticRootRadiusMm'>,
  zRangeMm: [number, number],
): AorticRoot | null {
  const volume = grid.source;
  const [, , nzc] = grid.dims;
  const [cx, cy, cz] = heart.centreMm;
  const topMm = zRangeMm[1];
  // Fine grid: f × f native pixels per cell, over a box around the search window (axial series: rows along x).
  const f = Math.max(1, Math.round(FINE_CELL_MM / volume.spacingMm[0]));
  const cellMm = f * volume.spacingMm[0];
  const half = MAX_IN_FRONT_MM + AORTA_RADIUS_MM[1];
  const corner = (dx: number, dy: number) => {
    // Native column/row of a patient offset from the heart's centre, through the row/column directions.
    const px = cx + dx;
    const py = cy + dy;
    const [ox, oy] = volume.originMm;
    const c = ((px - ox) * volume.rowDirection[0] + (py - oy) * volume.rowDirection[1]) / volume.spacingMm[0];
    const r = ((px - ox) * volume.columnDirection[0] + (py - oy) * volume.columnDirection[1]) / volume.spacingMm[1];
    return [c, r];
  };
  const a = corner(-half, -half);
  const b = corner(half, half);
  const x0 = Math.floor(Math.min(a[0], b[0]));
  const y0 = Math.floor(Math.min(a[1], b[1]));
  const nx = Math.ceil((Math.max(a[0], b[0]) - x0) / f);
  const ny = Math.ceil((Math.max(a[1], b[1]) - y0) / f);
  if (nx < 8 || ny < 8) return null;
  const slices: number[] = [];
  for (let z = 0; z < nzc; z++) {
    const pz = cellToPatient(grid, 0, 0, z)[2];
    if (pz >= cz && pz <= topMm + ABOVE_TOP_MM) slices.push(z);
  }
  slices.sort((p, q) => cellToPatient(grid, 0, 0, p)[2] - cellToPatient(grid, 0, 0, q)[2]);
  const perSlice: Peak[][] = [];
  for (const z of slices) {
    // The native slices of the coarse cell (at most two, as on the coarse grid): averaging them halves the noise.
    const first = z * grid.factor[2];
    const natives =
      grid.factor[2] >= 2 ? [first + (grid.factor[2] >> 2), first + ((3 * grid.factor[2]) >> 2)] : [first];
    const nzNative = Math.min(volume.dims[2] - 1, Math.max(0, Math.round(cellToNative(grid, 0, 0, z)[2])));
    const hu = fineSlice(volume, natives, { x0, y0, nx, ny, f });
    const peaks: Peak[] = [];
    for (const p of distancePeaks(hu, nx, ny, cellMm, AORTA_RADIUS_MM)) {
      const c = x0 + (p.i + 0.5) * f - 0.5;
      const r = y0 + (p.j + 0.5) * f - 0.5;
      const pos: number[] = [0, 1, 2].map(
        (k) =>
          volume.originMm[k] +
          c * volume.spacingMm[0] * volume.rowDirection[k] +
          r * volume.spacingMm[1] * volume.columnDirection[k] +
          nzNative * volume.spacingMm[2] * volume.sliceDirection[k],
      );
      const rightward = cx - pos[0]; // LPS: smaller x is the patient's right
      if (rightward < RIGHTWARD_MM[0] || rightward > RIGHTWARD_MM[1]) continue;
      if (pos[1] - cy > MAX_BEHIND_MM || cy - pos[1] > MAX_IN_FRONT_MM) continue;
      peaks.push({ x: pos[0], y: pos[1], z: pos[2], radius: p.radius });
    }
    perSlice.push(peaks);
  }
  let best: Peak[] | null = null;
  let bestScore = 0;
  for (const chain of chainPeaks(perSlice, STEP_JITTER_MM + grid.spacingMm[2])) {
    const low = chain[0].z;
    const high = chain[chain.length - 1].z;
    if (low > topMm + START_ABOVE_TOP_MM || high < topMm + REACH_MM) continue;
    const score = high - low;
    if (score > bestScore) {
      best = chain;
      bestScore = score;
    }
  }
  return best ? rootOfChain(best, topMm) : null;
}
