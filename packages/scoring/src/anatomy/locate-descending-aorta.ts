/**
 * The descending aorta beside the heart: a round soft-tissue section of 18–40 mm behind the heart, in front of or
 * beside the spine, continuous from slice to slice. Its wall calcium lies within a centimetre of the heart's back, so
 * the labeller needs it to tell aortic from circumflex calcium.
 */
import { type CoarseGrid, cellToPatient } from './coarse-grid';
import type { HeartFrame } from './heart-frame';
import { blobs2d, erode2d, roundness } from './slice-blobs';
import { SOFT_TISSUE_HU, Tissue, type TissueMasks } from './tissue-masks';

const AREA_MM2: [number, number] = [250, 1300];
const MIN_ROUNDNESS = 0.55;
const MAX_STEP_MM = 12;
const MAX_IN_PLANE_OFFSET_MM = 110;

export interface AortaSection {
  /** Patient position of the section's centre (mm). */
  centreMm: [number, number, number];
  radiusMm: number;
}

interface RoundBlob extends AortaSection {
  roundness: number;
}

function roundBlobs(
  grid: CoarseGrid,
  masks: TissueMasks,
  heartMask: Uint8Array,
  z: number,
  heart: HeartFrame,
): RoundBlob[] {
  const [nx, ny] = grid.dims;
  const plane = nx * ny;
  const cellArea = grid.spacingMm[0] * grid.spacingMm[1];
  const soft = new Uint8Array(plane);
  for (let p = 0; p < plane; p++) {
    const i = z * plane + p;
    const hu = grid.hu[i];
    soft[p] =
      masks.tissue[i] === Tissue.Body && !heartMask[i] && hu >= SOFT_TISSUE_HU[0] && hu <= SOFT_TISSUE_HU[1] ? 1 : 0;
  }
  const out: RoundBlob[] = [];
  for (const blob of blobs2d(erode2d(soft, nx, ny), nx, ny)) {
    const radiusCells = Math.sqrt(blob.cells.length / Math.PI) + 1;
    const areaMm2 = Math.PI * radiusCells * radiusCells * cellArea;
    if (areaMm2 < AREA_MM2[0] || areaMm2 > AREA_MM2[1]) continue;
    const round = roundness(blob, nx);
    if (round < MIN_ROUNDNESS) continue;
    const centreMm = cellToPatient(grid, blob.cx, blob.cy, z);
    const [cx, cy] = heart.centreMm;
    if (centreMm[1] < cy) continue; // behind the heart's centre (LPS: +y posterior)
    if (Math.hypot(centreMm[0] - cx, centreMm[1] - cy) > MAX_IN_PLANE_OFFSET_MM) continue;
    out.push({ centreMm, radiusMm: Math.sqrt(areaMm2 / Math.PI), roundness: round });
  }
  return out;
}

/** Sections of the descending aorta per coarse slice (null where none was found). */
export function locateDescendingAorta(
  grid: CoarseGrid,
  masks: TissueMasks,
  heartMask: Uint8Array,
  heart: HeartFrame,
): (AortaSection | null)[] {
  const nz = grid.dims[2];
  const perSlice = Array.from({ length: nz }, (_, z) => roundBlobs(grid, masks, heartMask, z, heart));
  // Start from the roundest section, then follow it up and down through sections close to the last one.
  let start = -1;
  let best = 0;
  perSlice.forEach((list, z) =>
    list.forEach((b) => {
      if (b.roundness > best) {
        best = b.roundness;
        start = z;
      }
    }),
  );
  const out: (AortaSection | null)[] = new Array(nz).fill(null);
  if (start < 0) return out;
  out[start] = perSlice[start].reduce((a, b) => (b.roundness > a.roundness ? b : a));
  for (const step of [1, -1]) {
    let last = out[start] as AortaSection;
    let misses = 0;
    for (let z = start + step; z >= 0 && z < nz && misses < 2; z += step) {
      const next = perSlice[z]
        .map((b) => ({ b, d: Math.hypot(b.centreMm[0] - last.centreMm[0], b.centreMm[1] - last.centreMm[1]) }))
        .filter((c) => c.d <= MAX_STEP_MM * (misses + 1))
        .sort((a, c) => a.d - c.d)[0];
      if (next) {
        out[z] = next.b;
        last = next.b;
        misses = 0;
      } else {
        misses++;
      }
    }
  }
  return out;
}
