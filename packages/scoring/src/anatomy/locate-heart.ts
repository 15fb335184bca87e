/**
 * Image-only heart localisation that works on every field of view a real archive holds: gated cardiac scans of
 * 150–250 mm (lungs cut at the image edge, body outline outside the image), chest scans of 300–500 mm, and scans
 * that reach the abdomen. It reports failure with a reason instead of guessing.
 *
 * 1. A ~4 mm coarse grid (block means) and its tissue classes (outside air, body, lung): tissue-masks.ts.
 * 2. Per slice, the mediastinum: body cells between the outermost lung cells of their row; where the body reaches the
 *    image border (a cardiac field of view) the border counts as a lung edge.
 * 3. Heart candidates: soft tissue (blood and myocardium look alike without contrast) in the mediastinum, eroded by
 *    one cell so thin contacts with the chest wall, the aorta or the liver do not join them.
 * 4. Seed: the largest such blob on a slice with lungs in view, not right of the midline (the liver dome is) and,
 *    on a cardiac field of view, near the image centre (such scans are centred on the heart).
 * 5. Tracking: from the seed slice up and down, each slice keeps the blob cells within one cell of the previous
 *    slice's heart (the heart narrows towards base and apex, so it cannot spread into the liver), until the section
 *    falls below a third of the seed's.
 * 6. A solid ellipsoid fitted to the tracked cells gives the HeartFrame; the aortic root is looked for above it.
 */
import type { Volume } from '@cacscreen/dicom';
import { type CoarseGrid, cellToPatient, coarseGrid } from './coarse-grid';
import { fitHeartFrame } from './ellipsoid-fit';
import { locateAorticRoot } from './locate-aortic-root';
import type { HeartFrame } from './heart-frame';
import { type Blob, blobs2d, componentsTouching, dilate2d, erode2d, roundness } from './slice-blobs';
import { SOFT_TISSUE_HU, Tissue, tissueMasks, type TissueMasks } from './tissue-masks';

/** Smallest axial section of the seed blob (mm²): a heart at its widest is 6,000–15,000 mm². */
const MIN_SEED_AREA_MM2 = 2500;
/** Largest: a section wider than any heart is the liver or the abdomen. */
const MAX_SEED_AREA_MM2 = 20000;
/** Going away from the seed the heart narrows: a section that grows past this factor has met the liver. */
const MAX_SECTION_GROWTH = 1.2;
/** Seed slices need lungs over at least this share of the body (the heart's widest section sits between them). */
const SEED_LUNG_SHARE = 0.25;
/**
 * Tracking stops when a section falls below this share of the seed's: towards the apex the heart tapers; towards
 * the head the base gives way to the great vessels, whose sections together are under half the heart's.
 */
const MIN_SECTION_SHARE = { towardsFeet: 0.25, towardsHead: 0.45 };
/** Plausible heart volumes (ml) of the tracked cells. */
const HEART_VOLUME_ML: [number, number] = [120, 2200];
/** A field of view narrower than this (mm) is a cardiac one, centred on the heart. */
const CARDIAC_FOV_MM = 270;

export interface HeartLocation {
  found: true;
  frame: HeartFrame;
  mode: 'chest' | 'cardiac-fov';
  /** Heart cells on the coarse grid. */
  grid: CoarseGrid;
  mask: Uint8Array;
  masks: TissueMasks;
  /** Patient z range (mm) of the tracked heart. */
  zRangeMm: [number, number];
  volumeMl: number;
}

export interface HeartNotFound {
  found: false;
  reason: string;
  grid: CoarseGrid;
  masks: TissueMasks;
}

export type HeartSearch = HeartLocation | HeartNotFound;

/** Candidate heart cells of one slice: soft tissue inside the mediastinum. */
function candidateCells(grid: CoarseGrid, masks: TissueMasks, z: number): Uint8Array {
  const [nx, ny] = grid.dims;
  const plane = nx * ny;
  const base = z * plane;
  const out = new Uint8Array(plane);
  const cut = masks.cutByFieldOfView[z] === 1;
  for (let y = 0; y < ny; y++) {
    let lo = -1;
    let hi = -1;
    for (let x = 0; x < nx; x++) {
      const t = masks.tissue[base + y * nx + x];
      const edge = cut && t === Tissue.Body && (x === 0 || x === nx - 1);
      if (t === Tissue.Lung || edge) {
        if (lo < 0) lo = x;
        hi = x;
      }
    }
    for (let x = lo + 1; x < hi; x++) {
      const p = y * nx + x;
      const hu = grid.hu[base + p];
      if (masks.tissue[base + p] === Tissue.Body && hu >= SOFT_TISSUE_HU[0] && hu <= SOFT_TISSUE_HU[1]) out[p] = 1;
    }
  }
  return out;
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}

/**
 * Patient-x of the body's midline on a slice: the mean of the body cells, or, where the image cuts the body (a
 * cardiac or tight chest field of view, which shifts that mean), the column with the most bone, which is the spine
 * with the sternum in front of it. Null when neither is in view.
 */
function midlineX(grid: CoarseGrid, masks: TissueMasks, z: number): number | null {
  const [nx, ny] = grid.dims;
  const base = z * nx * ny;
  if (masks.cutByFieldOfView[z]) return spineColumnX(grid, masks, z);
  let sum = 0;
  let n = 0;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      if (masks.tissue[base + y * nx + x] !== Tissue.Outside) {
        sum += cellToPatient(grid, x, y, z)[0];
        n++;
      }
    }
  }
  return n ? sum / n : null;
}

/** Mean HU of a 4 mm cell of vertebral bone; partial-volumed ribs and calcium stay below it. */
const BONE_CELL_HU = 180;
/** The spine column holds at least this many bone cells (about 12 mm of vertebra front to back). */
const MIN_SPINE_CELLS = 3;
/** Share of the image width on each side left out of the spine search. */
const SPINE_SEARCH_MARGIN = 0.2;

function spineColumnX(grid: CoarseGrid, masks: TissueMasks, z: number): number | null {
  const [nx, ny] = grid.dims;
  const base = z * nx * ny;
  const bone = new Float64Array(nx);
  const rowSum = new Float64Array(nx);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const p = base + y * nx + x;
      if (masks.tissue[p] === Tissue.Body && grid.hu[p] >= BONE_CELL_HU) {
        bone[x]++;
        rowSum[x] += y;
      }
    }
  }
  let best = -1;
  let bestCount = 0;
  // Only the middle of the image: ribs seen along their length at the flanks also stack many bone cells in a column.
  const margin = Math.max(1, Math.round(nx * SPINE_SEARCH_MARGIN));
  for (let x = margin; x < nx - margin; x++) {
    const smoothed = bone[x - 1] + 2 * bone[x] + bone[x + 1];
    if (smoothed > bestCount) {
      bestCount = smoothed;
      best = x;
    }
  }
  if (best < 0 || bone[best] < MIN_SPINE_CELLS) return null;
  return cellToPatient(grid, best, rowSum[best] / bone[best], z)[0];
}

/** Cells beside a blob's row ends that are searched for lung (4 mm cells: 12 mm). */
const FLANK_CELLS = 3;

/**
 * Share of a blob's rows with lung (or, on a cut field of view, the image edge) just beyond both ends of the row: the
 * heart's section is flanked by the lungs on both sides, the liver and the abdomen touch the body wall instead.
 */
function lungFlankedShare(masks: TissueMasks, cells: number[], nx: number, ny: number, z: number): number {
  const lo = new Int32Array(ny).fill(nx);
  const hi = new Int32Array(ny).fill(-1);
  for (const p of cells) {
    const x = p % nx;
    const y = (p - x) / nx;
    if (x < lo[y]) lo[y] = x;
    if (x > hi[y]) hi[y] = x;
  }
  const base = z * nx * ny;
  const cut = masks.cutByFieldOfView[z] === 1;
  const lungNear = (y: number, from: number, step: number) => {
    for (let k = 1; k <= FLANK_CELLS + 1; k++) {
      const x = from + k * step;
      if (x < 0 || x >= nx) return cut;
      if (masks.tissue[base + y * nx + x] === Tissue.Lung) return true;
    }
    return false;
  };
  let rows = 0;
  let flanked = 0;
  for (let y = 0; y < ny; y++) {
    if (hi[y] < 0) continue;
    rows++;
    if (lungNear(y, lo[y], -1) && lungNear(y, hi[y], 1)) flanked++;
  }
  return rows ? flanked / rows : 0;
}

/**
 * The heart's section is compact (not a slab of back muscle or body wall), lies inside the image on a cardiac field
 * of view (such scans are centred on it; the liver or chest wall runs off the edge), and on a whole chest sits in the
 * front two thirds and the middle of the body, not against the spine or out at the flank.
 */
function shapeAndPlaceWeight(grid: CoarseGrid, masks: TissueMasks, blob: Blob, z: number): number {
  const [nx, ny] = grid.dims;
  let onBorder = 0;
  for (const p of blob.cells) {
    const x = p % nx;
    const y = (p - x) / nx;
    if (x <= 1 || y <= 1 || x >= nx - 2 || y >= ny - 2) onBorder++;
  }
  let weight = Math.min(1, roundness(blob, nx) / MIN_COMPACTNESS);
  weight *= Math.max(0, 1 - (BORDER_PENALTY * onBorder) / blob.cells.length);
  if (!masks.cutByFieldOfView[z]) {
    let x0 = nx;
    let x1 = -1;
    let y0 = ny;
    let y1 = -1;
    for (let p = 0; p < nx * ny; p++) {
      if (masks.tissue[z * nx * ny + p] === Tissue.Outside) continue;
      const x = p % nx;
      const y = (p - x) / nx;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (x1 > x0 && y1 > y0) {
      // Rows run front to back when the column direction points posterior (LPS +y), else back to front.
      const down = grid.source.columnDirection[1] >= 0 ? (blob.cy - y0) / (y1 - y0) : (y1 - blob.cy) / (y1 - y0);
      if (down > MAX_DEPTH_SHARE) weight *= Math.max(0, 1 - (down - MAX_DEPTH_SHARE) / 0.15);
      const lateral = Math.abs(blob.cx - (x0 + x1) / 2) / ((x1 - x0) / 2);
      if (lateral > MAX_LATERAL_SHARE) weight *= Math.max(0, 1 - (lateral - MAX_LATERAL_SHARE) / 0.2);
    }
  }
  return weight;
}

const MIN_COMPACTNESS = 0.5;
/** Each share of a blob's cells on the image border costs ten times that share of its weight. */
const BORDER_PENALTY = 10;
/** The heart's centre lies in the front MAX_DEPTH_SHARE of the body and within MAX_LATERAL_SHARE of its half-width. */
const MAX_DEPTH_SHARE = 0.65;
const MAX_LATERAL_SHARE = 0.5;

interface Seed {
  z: number;
  cells: Uint8Array;
  areaMm2: number;
  score: number;
  centreMm: [number, number, number];
}

/** Seeds tried (best first), at least this far apart (mm): a liver dome between the lung bases can outscore the heart. */
const SEEDS_TRIED = 5;
const SEED_SEPARATION_MM = 30;
/** A tracked structure of this volume (ml) is a typical heart; much smaller ones are domes, vessels or fragments. */
const TYPICAL_HEART_ML: [number, number] = [250, 1300];
/** Tracked structures shorter than this (mm, or 60 % of a shorter scan) lose merit in proportion. */
const TYPICAL_HEART_HEIGHT_MM = 80;

/**
 * On a chest scan that holds the lung apices, where a slice lies between the lung base (0) and apex (1); null when
 * the lungs run off the top or bottom of the scan (a cardiac or partial scan), where the height says nothing.
 */
function heightInLungs(grid: CoarseGrid, masks: TissueMasks, maxLung: number): ((z: number) => number) | null {
  const nz = grid.dims[2];
  const withLung: number[] = [];
  for (let z = 0; z < nz; z++) if (masks.lungCells[z] >= LUNG_EXTENT_SHARE * maxLung) withLung.push(z);
  if (withLung.length < 2) return null;
  const first = withLung[0];
  const last = withLung[withLung.length - 1];
  // Both ends must taper inside the scan: a lung still wide at the first or last slice is cut there.
  if (masks.lungCells[0] > LUNG_CUT_SHARE * maxLung || masks.lungCells[nz - 1] > LUNG_CUT_SHARE * maxLung) return null;
  const zOf = (z: number) => cellToPatient(grid, 0, 0, z)[2];
  const [base, apex] = [zOf(first), zOf(last)].sort((a, b) => a - b);
  return (z) => (zOf(z) - base) / (apex - base);
}

/** Lung extent: slices with at least this share of the widest lung section; a lung cut by the scan keeps more. */
const LUNG_EXTENT_SHARE = 0.05;
const LUNG_CUT_SHARE = 0.3;
/**
 * The heart's widest section lies in the lower part of the lungs (about 10–50 % of the base-to-apex height); blobs
 * higher up are the shoulders, the axillae or the great vessels' surroundings.
 */
const MAX_SEED_HEIGHT_IN_LUNGS = 0.6;

/** Seed blobs over the slices with lungs in view, best first, each far from the better ones. */
function findSeeds(grid: CoarseGrid, masks: TissueMasks, cardiacFov: boolean): Seed[] {
  const [nx, ny, nz] = grid.dims;
  const cellArea = grid.spacingMm[0] * grid.spacingMm[1];
  let maxLung = 0;
  for (let z = 0; z < nz; z++) maxLung = Math.max(maxLung, masks.lungCells[z]);
  const lungHeight = cardiacFov ? null : heightInLungs(grid, masks, maxLung);
  const imageCentre = cellToPatient(grid, (nx - 1) / 2, (ny - 1) / 2, 0);
  const all: Seed[] = [];
  for (let z = 0; z < nz; z++) {
    if (maxLung === 0 || masks.lungCells[z] < 0.2 * maxLung) continue;
    const lungShare = masks.lungCells[z] / Math.max(1, masks.bodyCells[z]);
    const candidate = candidateCells(grid, masks, z);
    const eroded = erode2d(candidate, nx, ny);
    const mid = midlineX(grid, masks, z);
    for (const blob of blobs2d(eroded, nx, ny)) {
      const erodedArea = blob.cells.length * cellArea;
      if (erodedArea < MIN_SEED_AREA_MM2 * 0.6 || erodedArea > MAX_SEED_AREA_MM2) continue;
      let weight = Math.min(1, lungShare / SEED_LUNG_SHARE);
      const height = lungHeight ? lungHeight(z) : 0;
      if (height > MAX_SEED_HEIGHT_IN_LUNGS) weight *= Math.max(0, 1 - (height - MAX_SEED_HEIGHT_IN_LUNGS) / 0.15);
      const centreMm = cellToPatient(grid, blob.cx, blob.cy, z);
      const [px, py] = centreMm;
      if (mid !== null) {
        const leftOfMid = px - mid; // LPS: +x is the patient's left
        if (leftOfMid < -15) weight *= Math.max(0, 1 + (leftOfMid + 15) / 45);
      }
      if (cardiacFov) {
        const off = Math.hypot(px - imageCentre[0], py - imageCentre[1]);
        if (off > 40) weight *= Math.max(0, 1 - (off - 40) / 60);
      }
      const flanked = lungFlankedShare(masks, blob.cells, nx, ny, z);
      weight *= shapeAndPlaceWeight(grid, masks, blob, z);
      const score = erodedArea * weight * flanked * flanked;
      if (score <= 0) continue;
      const mask = new Uint8Array(nx * ny);
      for (const p of blob.cells) mask[p] = 1;
      // Back to the uneroded section, but only one cell around the eroded blob.
      const cells = componentsTouching(candidate, dilate2d(mask, nx, ny), nx, ny);
      const grown = dilate2d(mask, nx, ny);
      for (let p = 0; p < cells.length; p++) cells[p] &= grown[p];
      const areaMm2 = count(cells) * cellArea;
      if (areaMm2 >= MIN_SEED_AREA_MM2) all.push({ z, cells, areaMm2, score, centreMm });
    }
  }
  all.sort((a, b) => b.score - a.score);
  const chosen: Seed[] = [];
  for (const seed of all) {
    if (chosen.length >= SEEDS_TRIED) break;
    const far = chosen.every(
      (c) =>
        Math.hypot(
          c.centreMm[0] - seed.centreMm[0],
          c.centreMm[1] - seed.centreMm[1],
          c.centreMm[2] - seed.centreMm[2],
        ) >= SEED_SEPARATION_MM,
    );
    if (far) chosen.push(seed);
  }
  return chosen;
}

/** Follows the heart from the seed slice towards one end; writes its cells into `mask`. */
function track(grid: CoarseGrid, masks: TissueMasks, seed: Seed, direction: 1 | -1, mask: Uint8Array): number {
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  let previous = seed.cells;
  const seedCells = count(seed.cells);
  // The heart's sections stay within its widest one (the seed's), give or take the apex's sweep.
  const footprint = dilate2d(seed.cells, nx, ny, 2);
  let smallest = seedCells;
  let last = seed.z;
  for (let z = seed.z + direction; z >= 0 && z < nz; z += direction) {
    const allowed = candidateCells(grid, masks, z);
    const near = dilate2d(previous, nx, ny);
    for (let p = 0; p < plane; p++) allowed[p] &= near[p] & footprint[p];
    const section = componentsTouching(allowed, previous, nx, ny);
    // Drop islands that only a thin bridge joined: keep what survives an erosion, grown back by one cell.
    const core = erode2d(section, nx, ny);
    if (count(core) > 0) {
      const grown = dilate2d(core, nx, ny);
      for (let p = 0; p < plane; p++) section[p] &= grown[p];
    }
    const n = count(section);
    const headwards = cellToPatient(grid, 0, 0, z)[2] > cellToPatient(grid, 0, 0, seed.z)[2];
    if (n < (headwards ? MIN_SECTION_SHARE.towardsHead : MIN_SECTION_SHARE.towardsFeet) * seedCells) break;
    if (n > MAX_SECTION_GROWTH * smallest && n > 0.8 * seedCells) break;
    smallest = Math.min(smallest, n);
    mask.set(section, z * plane);
    previous = section;
    last = z;
  }
  return last;
}

export function locateHeart(volume: Volume): HeartSearch {
  const grid = coarseGrid(volume);
  const masks = tissueMasks(grid);
  const [nx, ny, nz] = grid.dims;
  const fovMm = Math.min(volume.dims[0] * volume.spacingMm[0], volume.dims[1] * volume.spacingMm[1]);
  const cardiacFov = fovMm < CARDIAC_FOV_MM;
  const seeds = findSeeds(grid, masks, cardiacFov);
  if (!seeds.length) {
    const lungs = masks.lungCells.some((n) => n > 0);
    return {
      found: false,
      reason: lungs
        ? 'no soft-tissue structure of heart size between the lungs'
        : 'no lung in the image: not a chest or cardiac CT, or the heart is outside the field of view',
      grid,
      masks,
    };
  }
  const plane = nx * ny;
  const cellMl = (grid.spacingMm[0] * grid.spacingMm[1] * grid.spacingMm[2]) / 1000;
  // Track from each seed; keep the structure most like a heart (typical volume), weighted by how good its seed was.
  let best: { mask: Uint8Array; top: number; bottom: number; merit: number } | null = null;
  for (const seed of seeds) {
    const trial = new Uint8Array(grid.hu.length);
    trial.set(seed.cells, seed.z * plane);
    const top = track(grid, masks, seed, 1, trial);
    const bottom = track(grid, masks, seed, -1, trial);
    const ml = count(trial) * cellMl;
    const typical = ml >= TYPICAL_HEART_ML[0] && ml <= TYPICAL_HEART_ML[1] ? 1 : 0.3;
    // A heart is 80–130 mm tall; a liver dome or a fragment tracked between the lung bases is much flatter.
    const heightMm = (top - bottom + 1) * grid.spacingMm[2];
    const tall = Math.min(1, heightMm / Math.min(TYPICAL_HEART_HEIGHT_MM, 0.6 * nz * grid.spacingMm[2]));
    const merit = seed.score * typical * tall * Math.min(1, ml / TYPICAL_HEART_ML[0]);
    if (!best || merit > best.merit) best = { mask: trial, top, bottom, merit };
  }
  const { mask, top, bottom } = best as NonNullable<typeof best>;
  const points: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / plane;
    points.push(...cellToPatient(grid, x, y, z));
  }
  const volumeMl = (points.length / 3) * cellMl;
  const zs = [cellToPatient(grid, 0, 0, bottom)[2], cellToPatient(grid, 0, 0, top)[2]].sort((a, b) => a - b);
  const zRangeMm: [number, number] = [zs[0] - grid.spacingMm[2] / 2, zs[1] + grid.spacingMm[2] / 2];
  // A scan shorter than a heart cannot hold a whole one; judge the volume only when the heart could be complete.
  const reachesEnds = bottom === 0 || top === nz - 1;
  if (volumeMl < HEART_VOLUME_ML[0] && !reachesEnds) {
    return {
      found: false,
      reason: `the structure found is too small for a heart (${Math.round(volumeMl)} ml)`,
      grid,
      masks,
    };
  }
  if (volumeMl > HEART_VOLUME_ML[1]) {
    return {
      found: false,
      reason: `the structure found is too large for a heart (${Math.round(volumeMl)} ml)`,
      grid,
      masks,
    };
  }
  const fitted = fitHeartFrame(Float64Array.from(points));
  const root = locateAorticRoot(grid, fitted, zRangeMm);
  const frame: HeartFrame = root
    ? { ...fitted, aorticRootMm: root.centreMm, aorticRootRadiusMm: root.radiusMm }
    : { ...fitted, aorticRootMm: null };
  return { found: true, frame, mode: cardiacFov ? 'cardiac-fov' : 'chest', grid, mask, masks, zRangeMm, volumeMl };
}
