/**
 * Coronary centrelines of one patient: Dodge's mean tree (dodge-coordinates.ts), optionally perturbed by the
 * published SDs, laid onto a fitted heart (dodge-frame.ts explains the frame mapping and scale).
 */
import type { CoronaryArtery, HeartFrame } from '@cacscreen/scoring';
import type { Rng } from '../random';
import type { Vec3 } from '../vec';
import { DODGE_SEGMENTS, type Dominance, type DodgePoint, type DodgeSd, type DodgeSegment } from './dodge-coordinates';
import { dodgeToPatient, segmentPointCm } from './dodge-frame';

export interface CoronaryPolyline {
  artery: CoronaryArtery;
  /** 'LM', 'LAD', 'LCX', 'RCA' for the main vessels, else the branch's Dodge name (D1, S2, M1, RD, …). */
  name: string;
  kind: 'main' | 'branch';
  /** Centreline points, patient LPS mm, from the origin (ostium or parent junction) outwards. */
  pointsMm: Vec3[];
  /** Mean lumen diameter at each point (mm, Dodge's; not rescaled). */
  diametersMm: number[];
}

export interface CoronaryTree {
  polylines: CoronaryPolyline[];
  leftOstiumMm: Vec3;
  rightOstiumMm: Vec3;
  dominance: Dominance;
}

export interface CoronaryTreeOptions {
  /** Which distal segments exist; default: drawn from rng (right 70 %, small-right 10 %, balanced 10 %, left 10 %), else right. */
  dominance?: Dominance;
  /** Include the variants (ramus medianus, dominant obtuse marginal with its two divisions); default false. */
  includeVariants?: boolean;
  /** Multiplies the SD perturbation (default 1); deviates are clamped to ±2 SD. */
  sdScale?: number;
}

const MAIN_VESSELS: Record<CoronaryArtery, string[]> = {
  LM: ['LM'],
  LAD: ['L1', 'L2', 'L3', 'L4'],
  LCX: ['C1', 'C2', 'C3', 'C4'],
  RCA: ['R1', 'R2', 'R3', 'R4'],
};
const DOMINANCE_WEIGHTS: [Dominance, number][] = [
  ['right', 0.7],
  ['smallRight', 0.1],
  ['balanced', 0.1],
  ['left', 0.1],
];

/** One correlated deviate per vessel (not per point) keeps each centreline smooth while it moves as a whole. */
type Deviate = [number, number, number];

/** SD of each point: its own where tabulated, else the nearest tabulated one of the same segment. */
function pointSds(points: DodgePoint[]): (DodgeSd | null)[] {
  return points.map((p, i) => {
    if (p.sd) return p.sd;
    for (let d = 1; d < points.length; d++) {
      const near = points[i - d]?.sd ?? points[i + d]?.sd;
      if (near) return near;
    }
    return null;
  });
}

export function coronaryTree(frame: HeartFrame, rng?: Rng, options: CoronaryTreeOptions = {}): CoronaryTree {
  const dominance =
    options.dominance ?? (rng ? DOMINANCE_WEIGHTS[rng.weighted(DOMINANCE_WEIGHTS.map((w) => w[1]))][0] : 'right');
  const sdScale = options.sdScale ?? 1;
  const toPatient = dodgeToPatient(frame);
  const present = (s: DodgeSegment) => s.presentIn.includes(dominance) && (options.includeVariants || !s.variant);
  const byName = new Map(DODGE_SEGMENTS.map((s) => [s.name, s]));
  const placed = new Map<string, Vec3>(); // every placed point by Dodge name, for branch origins
  const draw = (): Deviate => {
    const z = () => (rng ? Math.max(-2, Math.min(2, rng.normal())) * sdScale : 0);
    return [z(), z(), z()];
  };
  const place = (s: DodgeSegment, dev: Deviate) => {
    const sds = pointSds(s.points);
    return s.points.map((p, i) => {
      const sd = sds[i];
      const r = p.rCm + (sd ? dev[0] * sd.rCm : 0);
      const t = p.thetaDeg + (sd ? dev[1] * sd.thetaDeg : 0);
      const f = p.phiDeg + (sd ? dev[2] * sd.phiDeg : 0);
      const mm = toPatient(segmentPointCm(s, Math.max(0, r), t, f));
      placed.set(p.name, mm);
      return mm;
    });
  };

  const leftOstiumMm = toPatient([0, 0, 0]);
  const rightOstiumMm = toPatient(segmentPointCm(byName.get('R1')!, 0, 0, 0));
  const polylines: CoronaryPolyline[] = [];
  for (const artery of ['LM', 'LAD', 'LCX', 'RCA'] as CoronaryArtery[]) {
    const dev = draw();
    const segments = MAIN_VESSELS[artery].map((n) => byName.get(n)!).filter(present);
    const first = segments[0];
    const start = first.startsAt ? placed.get(first.startsAt)! : first.tree === 'left' ? leftOstiumMm : rightOstiumMm;
    const pointsMm: Vec3[] = [start];
    const diametersMm = [first.points[0].diameterMm];
    for (const s of segments) {
      pointsMm.push(...place(s, dev));
      diametersMm.push(...s.points.map((p) => p.diameterMm));
    }
    polylines.push({ artery, name: artery, kind: 'main', pointsMm, diametersMm });
  }
  // Branches in table order, so a division (OA, OP) comes after the branch it divides from (OM).
  for (const s of DODGE_SEGMENTS) {
    if (s.kind !== 'branch' || !present(s)) continue;
    const origin = s.startsAt ? placed.get(s.startsAt) : undefined;
    if (!origin) continue; // parent absent in this dominance
    const pointsMm = [origin, ...place(s, draw())];
    const diametersMm = [s.points[0].diameterMm, ...s.points.map((p) => p.diameterMm)];
    polylines.push({ artery: s.artery, name: s.name, kind: 'branch', pointsMm, diametersMm });
  }
  return { polylines, leftOstiumMm, rightOstiumMm, dominance };
}
