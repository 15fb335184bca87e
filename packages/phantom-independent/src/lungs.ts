/** Lungs' contents: branching pulmonary vessel and bronchial trees grown from each hilum, clipped to lung. */
import { Patient } from './patient';
import { Rng } from './rng';
import { Tissue } from './slice';
import { TubeGroup } from './tubes';
import { Vec3, add, madd, normalize, perpendicular, rotate, scale } from './vec';

function grow(
  rng: Rng,
  g: TubeGroup,
  start: Vec3,
  dir: Vec3,
  len: number,
  r: number,
  depth: number,
  side: number,
): void {
  if (depth === 0 || r < 0.5) return;
  const bend = normalize(add(dir, scale(normalize([rng.normal(), rng.normal(), rng.normal()]), 0.15)));
  const mid = madd(start, dir, len * 0.5);
  const end = madd(mid, bend, len * 0.5);
  g.addPolyline([start, mid, end], [r, r * 0.92, r * 0.85]);
  const axis = perpendicular(bend);
  const n = depth > 3 ? 2 : rng.chance(0.5) ? 3 : 2;
  for (let k = 0; k < n; k++) {
    const spin = rotate(axis, bend, rng.uniform(0, 2 * Math.PI));
    let d = rotate(bend, spin, rng.uniform(0.35, 0.7) * (k % 2 === 0 ? 1 : -1));
    // Keep steering outward (away from the mediastinum) a little.
    d = normalize(add(d, [side * 0.15, 0, 0]));
    grow(rng, g, end, d, len * rng.uniform(0.68, 0.82), r * rng.uniform(0.66, 0.78), depth - 1, side);
  }
}

export function buildLungTrees(rng: Rng, p: Patient, hila: [Vec3, Vec3]): { vessels: TubeGroup; bronchi: TubeGroup } {
  const vessels = new TubeGroup({
    coreHu: p.huBlood,
    coreTissue: Tissue.Blood,
    wallMm: 0,
    wallHu: 0,
    wallTissue: Tissue.Blood,
    onlyOver: Tissue.Lung,
  });
  const bronchi = new TubeGroup({
    coreHu: -1000,
    coreTissue: Tissue.Air,
    wallMm: 1,
    wallHu: 10,
    wallTissue: Tissue.Soft,
    onlyOver: Tissue.Lung,
  });
  const lobes: Vec3[] = [
    [0.5, -0.1, 0.9],
    [0.3, -0.6, 0.7],
    [0.6, 0.5, 0.8],
    [0.9, -0.5, -0.2],
    [0.9, 0.1, 0.2],
    [0.7, 0.4, -0.6],
    [0.5, 0.6, 0.2],
    [0.4, -0.3, -0.9],
    [0.3, 0.7, -0.7],
  ];
  for (let s = 0; s < 2; s++) {
    const side = s === 0 ? -1 : 1;
    const hil = hila[s];
    for (const lobe of lobes) {
      const d = normalize([side * lobe[0], lobe[1], lobe[2]]);
      const sp = madd(hil, d, 6);
      grow(rng, vessels, sp, d, 30 * p.size, 5, 7, side);
      grow(rng, bronchi, madd(sp, [0, 4, 2], 1), normalize(add(d, [0, 0.1, 0.05])), 30 * p.size, 3.5, 3, side);
    }
  }
  return { vessels, bronchi };
}
