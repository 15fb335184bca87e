/**
 * The earlier aortic-root finder (anatomy-2.1.0), kept unchanged because the hybrid evaluation set places its lesions
 * on it: the eval set must not move when the labeller's own root locator (locate-aortic-root.ts) changes. Not used by
 * the labeller.
 *
 * The aortic root, found from the ascending aorta: above the heart's base the ascending aorta is a round soft-tissue
 * section of 24–50 mm in the middle mediastinum, right of or near the heart's centre and not behind it. The lowest
 * slice where it stands apart from the heart marks its origin; the valve plane lies about 15 mm lower.
 */
import { type CoarseGrid, cellToPatient } from './coarse-grid';
import type { HeartFrame, Vec3 } from './heart-frame';
import { blobs2d, erode2d, roundness } from './slice-blobs';
import { SOFT_TISSUE_HU, Tissue, type TissueMasks } from './tissue-masks';

const AORTA_AREA_MM2: [number, number] = [450, 2000];
const MIN_ROUNDNESS = 0.5;
const VALVE_BELOW_SEPARATION_MM = 15;
const SEARCH_ABOVE_HEART_MM = 50;
const SEARCH_BELOW_TOP_MM = 20;
/** The ascending aorta lies within this distance (mm, in-plane) of the heart's centre. */
const MAX_OFFSET_MM = 70;

export function aorticRootBySection(
  grid: CoarseGrid,
  masks: TissueMasks,
  heart: Omit<HeartFrame, 'aorticRootMm'>,
  zRangeMm: [number, number],
): Vec3 | null {
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const cellArea = grid.spacingMm[0] * grid.spacingMm[1];
  const [cx, cy, cz] = heart.centreMm;
  // Walk slices upwards from the heart's centre (slice order may run either way in z).
  const slices: number[] = [];
  for (let z = 0; z < nz; z++) {
    const pz = cellToPatient(grid, 0, 0, z)[2];
    if (pz > Math.max(cz, zRangeMm[1] - SEARCH_BELOW_TOP_MM) && pz <= zRangeMm[1] + SEARCH_ABOVE_HEART_MM)
      slices.push(z);
  }
  slices.sort((a, b) => cellToPatient(grid, 0, 0, a)[2] - cellToPatient(grid, 0, 0, b)[2]);
  for (const z of slices) {
    const soft = new Uint8Array(plane);
    for (let p = 0; p < plane; p++) {
      const hu = grid.hu[z * plane + p];
      soft[p] =
        masks.tissue[z * plane + p] === Tissue.Body && hu >= SOFT_TISSUE_HU[0] && hu <= SOFT_TISSUE_HU[1] ? 1 : 0;
    }
    for (const blob of blobs2d(erode2d(soft, nx, ny), nx, ny)) {
      // Eroded by one cell: add back the ring to compare with the aorta's real section.
      const radiusCells = Math.sqrt(blob.cells.length / Math.PI) + 1;
      const areaMm2 = Math.PI * radiusCells * radiusCells * cellArea;
      if (areaMm2 < AORTA_AREA_MM2[0] || areaMm2 > AORTA_AREA_MM2[1]) continue;
      if (roundness(blob, nx) < MIN_ROUNDNESS) continue;
      const [px, py, pz] = cellToPatient(grid, blob.cx, blob.cy, z);
      const rightward = cx - px; // LPS: smaller x is the patient's right
      if (rightward < -15 || rightward > 60) continue;
      if (py > cy + 10) continue; // the descending aorta and the left atrium lie behind
      if (Math.hypot(px - cx, py - cy) > MAX_OFFSET_MM) continue;
      return [px, py, Math.max(pz - VALVE_BELOW_SEPARATION_MM, cz)];
    }
  }
  return null;
}
