/**
 * The cases `npm run eval` scores, by set:
 *   a  held-out studies of the first phantom generator (packages/phantom, seeds never trained on);
 *   b  held-out studies of the independently written generator (packages/phantom-independent, never trained on);
 *   c  hybrid cases: synthetic lesions written into the real scans of ../shared at Dodge positions fitted to the heart
 *      found in each scan (truth known, anatomy, noise and kernel real), half of them on the scan re-sampled to a
 *      gated calcium-score field of view (170–240 mm, 512², cardiac-fov.ts);
 *   d  the real scans themselves, against the adjudicated reads in test/real-reference.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSeriesVolume, type Volume } from '@cacscreen/dicom';
import { EVALUATION_SEED_BASE, generateThorax, insertHybridLesions, sampleAcquisition } from '@cacscreen/phantom';
import { generateIndependentStudy, independentSeeds } from '@cacscreen/phantom-independent';
import { CalciumLabel, heartSurfaceDistance, locateHeart } from '@cacscreen/scoring';
import { cardiacFieldOfView } from './cardiac-fov';
import { REFERENCE_DIR } from './eval-real-reads';
import { addReadCalcium } from './real-calcium-truth';
import { type Deposit, groupByNearestDeposit } from './phantom-lesions';

/** Hybrid seeds of the k-th real scan: HYBRID_SEEDS_PER_SCAN·k + 1, + 2, … */
const HYBRID_SEEDS_PER_SCAN = 1000;
/** Fields of view (mm) of the gated look-alike backgrounds, cycled through. */
const CARDIAC_FOVS_MM = [170, 200, 240];

export type EvalSet = 'a' | 'b' | 'c' | 'd';

export const SET_TITLES: Record<EvalSet, string> = {
  a: '(a) first phantom generator, held out',
  b: '(b) independent phantom generator, never trained on',
  c: '(c) hybrid: synthetic lesions in real CT backgrounds',
  d: '(d) real scans against the adjudicated reads',
};

export interface EvalCase {
  set: EvalSet;
  id: string;
  volume: Volume;
  /** Truth label map (sets a–c); null for real scans. */
  labels: Uint8Array | null;
  deposits: Deposit[];
  meta: Record<string, string | number>;
}

export const REPO = resolve(__dirname, '../..');

export interface RealScan {
  id: string;
  folder: string;
  pair: string;
  kernel: string;
}

/** The real scans of test/real-reference/scans.json that are present (../shared beside the checkout). */
export function realScans(): RealScan[] {
  const list = JSON.parse(readFileSync(join(REFERENCE_DIR, 'scans.json'), 'utf8')) as {
    root: string;
    scans: RealScan[];
  };
  return list.scans
    .map((s) => ({ ...s, folder: resolve(REPO, list.root, s.folder) }))
    .filter((s) => existsSync(s.folder));
}

export async function readRealScan(scan: RealScan): Promise<Volume> {
  const files = readdirSync(scan.folder).map((f) => join(scan.folder, f));
  return (await readSeriesVolume(files)).volume;
}

export interface CasePlan {
  set: EvalSet;
  index: number;
  /** Seed (a, b, c) or scan id (d). */
  key: string;
  scan?: RealScan;
  /** Hybrids: the real scan as it is, or re-sampled to a gated calcium-score field of view (cardiac-fov.ts). */
  background?: 'chest' | 'cardiac-fov';
}

export function planCases(counts: { a: number; b: number; hybridsPerScan: number }): CasePlan[] {
  const plans: CasePlan[] = [];
  for (let i = 0; i < counts.a; i++) plans.push({ set: 'a', index: i, key: String(EVALUATION_SEED_BASE + i) });
  independentSeeds(counts.b).forEach((seed, i) => plans.push({ set: 'b', index: i, key: String(seed) }));
  const scans = realScans();
  scans.forEach((scan, k) => {
    for (let s = 1; s <= counts.hybridsPerScan; s++) {
      const background = s % 2 === 0 ? 'cardiac-fov' : 'chest';
      // Each scan its own seeds: with one seed list for all, every scan drew the same burdens (only none and moderate
      // with 8 per scan) and the ≥ 100 rows rested on two cases.
      plans.push({ set: 'c', index: s, key: String(HYBRID_SEEDS_PER_SCAN * k + s), scan, background });
    }
  });
  for (const scan of scans) plans.push({ set: 'd', index: 0, key: scan.id, scan });
  return plans;
}

const realCache = new Map<string, Promise<Volume>>();

/** Builds one planned case (real volumes are read once per process). */
export async function buildCase(plan: CasePlan): Promise<EvalCase> {
  if (plan.set === 'a') {
    const study = generateThorax(sampleAcquisition(Number(plan.key)));
    const s = study.settings as typeof study.settings & { kernel?: string };
    return {
      set: 'a',
      id: `phantom-${plan.key}`,
      volume: study.volume,
      labels: study.labels,
      deposits: study.lesions.map((l) => ({ label: l.label, centreMm: l.centreMm })),
      meta: { sliceMm: s.sliceThicknessMm, kernel: s.kernel ?? 'smooth', noiseHu: s.noiseHu },
    };
  }
  if (plan.set === 'b') {
    const study = generateIndependentStudy(Number(plan.key));
    return {
      set: 'b',
      id: `independent-${plan.key}`,
      volume: study.volume,
      labels: study.labels,
      deposits: study.deposits.map((d) => ({ label: d.label, centreMm: d.centreMm })),
      meta: {
        protocol: study.settings.protocol,
        sliceMm: study.settings.sliceThicknessMm,
        kernel: study.settings.kernel,
        noiseHu: study.settings.noiseHu,
      },
    };
  }
  const scan = plan.scan as RealScan;
  let loading = realCache.get(scan.id);
  if (!loading) {
    loading = readRealScan(scan);
    realCache.set(scan.id, loading);
  }
  const volume = await loading;
  if (plan.set === 'd') {
    return { set: 'd', id: scan.id, volume, labels: null, deposits: [], meta: { kernel: scan.kernel } };
  }
  let background = volume;
  let heart = locateHeart(volume);
  if (!heart.found) throw new Error(`${scan.id}: no heart found, so no hybrid cases (${heart.reason})`);
  if (plan.background === 'cardiac-fov') {
    background = cardiacFieldOfView(volume, heart.frame.centreMm, heart.zRangeMm, CARDIAC_FOVS_MM[plan.index % 3]);
    heart = locateHeart(background);
    if (!heart.found) throw new Error(`${scan.id}: no heart found on its cardiac field of view (${heart.reason})`);
  }
  const hybrid = insertHybridLesions(background, heart.frame, Number(plan.key), {
    surfaceDistance: heartSurfaceDistance(heart),
    // Coronaries run in epicardial fat: lesions only where the real background is fat or its partial volume.
    backgroundRangeHu: [-200, 20],
    // … with fat around it, not lung, and on the heart (not in a chamber, the aorta or by the chest wall).
    anatomy: { minFatShare: 0.2, maxLungShare: 0.3, surfaceBandMm: [-6, 12] },
  });
  const code = { LM: CalciumLabel.LM, LAD: CalciumLabel.LAD, LCX: CalciumLabel.LCX, RCA: CalciumLabel.RCA };
  // The background's own read calcium is truth too (under any inserted lesion that overlaps it).
  const realDeposits = addReadCalcium(scan.id, hybrid.volume, hybrid.labels);
  return {
    set: 'c',
    id: `${scan.id}${plan.background === 'cardiac-fov' ? '@cardiac-fov' : ''}+hybrid-${plan.key}`,
    volume: hybrid.volume,
    labels: hybrid.labels,
    deposits: [...hybrid.lesions.map((l) => ({ label: code[l.artery], centreMm: l.centreMm })), ...realDeposits],
    meta: { scan: scan.id, kernel: scan.kernel, burden: hybrid.burden, background: plan.background ?? 'chest' },
  };
}

/** Truly coronary voxels grouped by their nearest deposit of the same artery (one lesion however noise splits it). */
export function truthGroups(c: EvalCase): { label: number; voxels: number[] }[] {
  return c.labels ? groupByNearestDeposit(c.volume, c.labels, c.deposits) : [];
}
