/**
 * Coronaries run on the heart's surface. A Dodge tree placed by the heart frame alone can sit a few centimetres off
 * a real heart (its centre and scale come from a fitted ellipsoid), so hybrid cases shift it to the translation that
 * best lays its vessels on the surface the heart finder found: the one minimising the mean squared gap between each
 * vessel point's distance to that surface and the epicardial depth of a coronary (~3 mm outside).
 */
import type { CoronaryTree } from '../coronary-anatomy/coronary-tree';
import type { Vec3 } from '../vec';

/** Signed distance (mm) from a patient point to the heart's surface: > 0 outside. */
export type SurfaceDistance = (p: Vec3) => number;

const TARGET_MM = 3;
/** How far (mm) the tree may move: a tree placed by the heart frame alone can sit a few centimetres off. */
export const FREE_SEARCH_MM = 36;
const STEP_MM = 6;

function cost(tree: CoronaryTree, distance: SurfaceDistance, offset: Vec3): number {
  let sum = 0;
  let n = 0;
  for (const line of tree.polylines) {
    for (const p of line.pointsMm) {
      const d = distance([p[0] + offset[0], p[1] + offset[1], p[2] + offset[2]]);
      const gap = Number.isFinite(d) ? Math.min(Math.abs(d - TARGET_MM), 40) : 40;
      sum += gap * gap;
      n++;
    }
  }
  return n ? sum / n : Infinity;
}

/** The tree translated onto the surface (coarse grid search, then a finer one around the best). */
export function fitTreeToSurface(
  tree: CoronaryTree,
  distance: SurfaceDistance,
  searchMm = FREE_SEARCH_MM,
): CoronaryTree {
  let best: Vec3 = [0, 0, 0];
  let bestCost = cost(tree, distance, best);
  const passes =
    searchMm > STEP_MM
      ? [
          [searchMm, STEP_MM],
          [STEP_MM, 2],
        ]
      : [[searchMm, 2]];
  for (const [range, step] of passes) {
    const centre = best;
    for (let dx = -range; dx <= range; dx += step)
      for (let dy = -range; dy <= range; dy += step)
        for (let dz = -range; dz <= range; dz += step) {
          const offset: Vec3 = [centre[0] + dx, centre[1] + dy, centre[2] + dz];
          const c = cost(tree, distance, offset);
          if (c < bestCost) {
            bestCost = c;
            best = offset;
          }
        }
  }
  const move = (p: Vec3): Vec3 => [p[0] + best[0], p[1] + best[1], p[2] + best[2]];
  return {
    ...tree,
    polylines: tree.polylines.map((l) => ({ ...l, pointsMm: l.pointsMm.map(move) })),
    leftOstiumMm: move(tree.leftOstiumMm),
    rightOstiumMm: move(tree.rightOstiumMm),
  };
}
