/**
 * What a hybrid case gets: a burden class, the number of lesions and each lesion's size and density, and where on
 * the coronary tree a lesion may sit. Pure functions of the Rng so that a case is a function of its seed.
 */
import type { CoronaryArtery } from '@cacscreen/scoring';
import type { CoronaryPolyline, CoronaryTree } from '../coronary-anatomy/coronary-tree';
import type { Rng } from '../random';
import { addScaled, cross, distance, normalize, perpendicular, scale, sub, type Vec3 } from '../vec';

export type HybridBurden = 'none' | 'mild' | 'moderate' | 'severe';

interface BurdenSpec {
  weight: number;
  count: [number, number];
  lengthMm: [number, number];
  diameterMm: [number, number];
  densityHu: [number, number];
}

/** About a quarter of cases clean; the rest from one or two small plaques to up to eight large dense ones. */
export const BURDEN_SPECS: Record<HybridBurden, BurdenSpec> = {
  none: { weight: 0.25, count: [0, 0], lengthMm: [0, 0], diameterMm: [0, 0], densityHu: [0, 0] },
  mild: { weight: 0.3, count: [1, 2], lengthMm: [2, 4], diameterMm: [1.5, 2.5], densityHu: [300, 600] },
  moderate: { weight: 0.25, count: [2, 4], lengthMm: [3, 7], diameterMm: [2, 3.5], densityHu: [400, 900] },
  severe: { weight: 0.2, count: [4, 8], lengthMm: [4, 12], diameterMm: [2.5, 4.5], densityHu: [600, 1400] },
};
const BURDENS = Object.keys(BURDEN_SPECS) as HybridBurden[];

/** Calcium is most common in the LAD, then the RCA, LCX and LM. */
const ARTERY_WEIGHTS: [CoronaryArtery, number][] = [
  ['LAD', 0.4],
  ['RCA', 0.3],
  ['LCX', 0.2],
  ['LM', 0.1],
];

export interface LesionDraft {
  artery: CoronaryArtery;
  segment: string;
  centreMm: Vec3;
  axis: Vec3;
  lengthMm: number;
  diameterMm: number;
  densityHu: number;
}

export function drawBurden(rng: Rng): { burden: HybridBurden; count: number } {
  const burden = BURDENS[rng.weighted(BURDENS.map((b) => BURDEN_SPECS[b].weight))];
  const [lo, hi] = BURDEN_SPECS[burden].count;
  return { burden, count: rng.int(lo, hi) };
}

function polylineLength(p: CoronaryPolyline): number {
  let len = 0;
  for (let i = 1; i < p.pointsMm.length; i++) len += distance(p.pointsMm[i - 1], p.pointsMm[i]);
  return len;
}

/** Point, unit tangent and lumen diameter at arc length s along a polyline. */
function along(p: CoronaryPolyline, s: number): { point: Vec3; tangent: Vec3; diameterMm: number } {
  for (let i = 1; i < p.pointsMm.length; i++) {
    const a = p.pointsMm[i - 1];
    const b = p.pointsMm[i];
    const seg = distance(a, b);
    if (seg <= 0) continue;
    if (s <= seg || i === p.pointsMm.length - 1) {
      const t = Math.min(1, Math.max(0, s / seg));
      const d = p.diametersMm[i - 1] + t * (p.diametersMm[i] - p.diametersMm[i - 1]);
      return { point: addScaled(a, sub(b, a), t), tangent: normalize(sub(b, a)), diameterMm: d };
    }
    s -= seg;
  }
  const last = p.pointsMm[p.pointsMm.length - 1];
  return { point: last, tangent: [0, 0, 1], diameterMm: p.diametersMm[p.diametersMm.length - 1] };
}

/**
 * One candidate lesion: artery by prevalence, a vessel of it (main vessels three times as likely per mm as their
 * branches), a position biased proximally (where calcium concentrates), offset into the vessel wall.
 */
export function draftLesion(rng: Rng, tree: CoronaryTree, burden: HybridBurden): LesionDraft | null {
  const artery = ARTERY_WEIGHTS[rng.weighted(ARTERY_WEIGHTS.map((w) => w[1]))][0];
  const vessels = tree.polylines.filter((p) => p.artery === artery);
  if (vessels.length === 0) return null;
  const lengths = vessels.map(polylineLength);
  const k = rng.weighted(vessels.map((p, i) => lengths[i] * (p.kind === 'main' ? 3 : 1)));
  const spec = BURDEN_SPECS[burden];
  const lengthMm = rng.uniform(spec.lengthMm[0], spec.lengthMm[1]);
  const at = along(vessels[k], Math.pow(rng.next(), 1.4) * lengths[k]);
  const side = perpendicular(at.tangent);
  const angle = rng.uniform(0, 2 * Math.PI);
  const radial = addScaled(scale(side, Math.cos(angle)), cross(at.tangent, side), Math.sin(angle));
  return {
    artery,
    segment: vessels[k].name,
    centreMm: addScaled(at.point, radial, rng.uniform(0, at.diameterMm / 2)),
    axis: at.tangent,
    lengthMm,
    diameterMm: rng.uniform(spec.diameterMm[0], spec.diameterMm[1]),
    densityHu: rng.uniform(spec.densityHu[0], spec.densityHu[1]),
  };
}
