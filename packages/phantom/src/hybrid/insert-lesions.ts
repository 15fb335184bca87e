/**
 * Hybrid cases: synthetic coronary calcium written into a REAL CT background, at Dodge-placed positions on the
 * patient's fitted heart, so that a labeller can be tested on real anatomy and noise with known ground truth.
 *
 * Combination (partial-volume model): result = background + f·(calcium − local tissue), where f is the blurred
 * fraction of the voxel the lesion fills. The contribution is added on top of the real voxel, so the real noise
 * texture survives inside and around the lesion, and a voxel half-filled by calcium reads halfway between the two.
 */
import type { Volume } from '@cacscreen/dicom';
import { CalciumLabel, type CoronaryArtery, type HeartFrame } from '@cacscreen/scoring';
import { coronaryTree, type CoronaryTreeOptions } from '../coronary-anatomy/coronary-tree';
import { Rng, mixSeeds } from '../random';
import { addScaled, distance, type Vec3 } from '../vec';
import { draftLesion, drawBurden, type HybridBurden, type LesionDraft } from './lesion-plan';
import { patientToVoxel, renderLesion } from './render-lesion';
import { FREE_SEARCH_MM, fitTreeToSurface, type SurfaceDistance } from './fit-tree-to-surface';
import { surroundingsOf } from './surroundings';

export interface HybridLesion {
  artery: CoronaryArtery;
  /** Vessel it sits on: LM, LAD, LCX, RCA or a branch name (D1, M2, RD, …). */
  segment: string;
  centreMm: Vec3;
  lengthMm: number;
  diameterMm: number;
  /** Highest HU of the written volume over the lesion's labelled voxels. */
  peakHu: number;
}

export interface HybridCase {
  volume: Volume;
  /** CalciumLabel per voxel (1 LM, 2 LAD, 3 LCX, 4 RCA on lesion voxels, 0 elsewhere), same layout as volume.hu. */
  labels: Uint8Array;
  lesions: HybridLesion[];
  burden: HybridBurden;
}

export interface HybridOptions {
  /** In-plane Gaussian point-spread sigma (mm); default 0.8. */
  inPlaneSigmaMm?: number;
  /** Lesions are raised, if needed, until their blurred peak reaches this HU (visible to a 130 HU threshold). */
  minPeakHu?: number;
  /** Background HU window a lesion centre and both its ends must lie in: fat and soft tissue, never air or bone. */
  backgroundRangeHu?: [number, number];
  /** Placement tries per lesion before it is dropped. */
  maxAttempts?: number;
  tree?: CoronaryTreeOptions;
  /** Distance to the heart's surface found in this scan: the tree is shifted onto it (fit-tree-to-surface.ts). */
  surfaceDistance?: SurfaceDistance;
  /**
   * Where a coronary can be (off unless given): at least minFatShare of the lesion centre's surroundings fat, at most
   * maxLungShare lung (surroundings.ts), and, with surfaceDistance, the centre within surfaceBandMm of that surface
   * (all but the left main, which leaves the aortic root above the heart).
   * A Dodge tree fitted to a real heart still crosses chambers, the aorta and the chest wall in places; these keep
   * its lesions in the epicardial fat where real coronary calcium lies.
   */
  anatomy?: { minFatShare: number; maxLungShare: number; surfaceBandMm?: [number, number] };
}

const LABEL: Record<CoronaryArtery, CalciumLabel> = {
  LM: CalciumLabel.LM,
  LAD: CalciumLabel.LAD,
  LCX: CalciumLabel.LCX,
  RCA: CalciumLabel.RCA,
};
const MAX_DENSITY_HU = 1600;
/** Largest shift (mm) of a tree whose ostia sit on the located aortic root (the root's own uncertainty). */
const ANCHORED_SEARCH_MM = 8;
/** A voxel counts towards the footprint through the 130 HU rule only if the lesion adds at least this much. */
const MIN_THRESHOLD_CONTRIBUTION_HU = 10;

/** Mean background over the 3 × 3 in-plane neighbourhood of the voxel nearest p; null outside the volume. */
function localBackground(volume: Volume, p: Vec3): number | null {
  const v = patientToVoxel(volume, p).map(Math.round);
  const [cols, rows, slices] = volume.dims;
  if (v[2] < 0 || v[2] >= slices || v[0] < 1 || v[1] < 1 || v[0] >= cols - 1 || v[1] >= rows - 1) return null;
  let sum = 0;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) sum += volume.hu[v[0] + dx + (v[1] + dy) * cols + v[2] * cols * rows];
  return sum / 9;
}

function inEpicardialFat(
  volume: Volume,
  d: LesionDraft,
  rule: NonNullable<HybridOptions['anatomy']>,
  surface: SurfaceDistance | undefined,
): boolean {
  const around = surroundingsOf(volume, d.centreMm);
  if (around.fatShare < rule.minFatShare || around.lungShare > rule.maxLungShare) return false;
  // The left main leaves the aortic root above the heart's surface; the band is for the arteries on the heart.
  if (!surface || !rule.surfaceBandMm || d.artery === 'LM') return true;
  const gap = surface(d.centreMm);
  return gap >= rule.surfaceBandMm[0] && gap <= rule.surfaceBandMm[1];
}

function plausible(volume: Volume, d: LesionDraft, range: [number, number]): number | null {
  const ends = [
    d.centreMm,
    addScaled(d.centreMm, d.axis, d.lengthMm / 2),
    addScaled(d.centreMm, d.axis, -d.lengthMm / 2),
  ];
  const bgs = ends.map((p) => localBackground(volume, p));
  if (bgs.some((b) => b === null || b < range[0] || b > range[1])) return null;
  return bgs[0];
}

export function insertHybridLesions(
  volume: Volume,
  frame: HeartFrame,
  seed: number,
  options: HybridOptions = {},
): HybridCase {
  const sigma = options.inPlaneSigmaMm ?? 0.8;
  const minPeak = options.minPeakHu ?? 200;
  const range = options.backgroundRangeHu ?? [-200, 100];
  const attempts = options.maxAttempts ?? 40;
  const rng = new Rng(mixSeeds(seed, 0x48594252));
  const placed = coronaryTree(frame, rng.fork(1), options.tree);
  // Ostia anchored on a located aortic root may move only a little: the left main must stay at the root.
  const search = frame.aorticRootMm ? ANCHORED_SEARCH_MM : FREE_SEARCH_MM;
  const tree = options.surfaceDistance ? fitTreeToSurface(placed, options.surfaceDistance, search) : placed;
  const lesionRng = rng.fork(2);
  const { burden, count } = drawBurden(lesionRng);

  const hu = new Int16Array(volume.hu);
  const labels = new Uint8Array(hu.length);
  const owner = new Map<number, number>(); // labelled voxel → contribution of the lesion that owns it
  const lesions: HybridLesion[] = [];
  const [cols, rows] = volume.dims;
  for (let n = 0; n < count; n++) {
    for (let a = 0; a < attempts; a++) {
      const d = draftLesion(lesionRng, tree, burden);
      if (!d) continue;
      const bg = plausible(volume, d, range);
      if (bg === null) continue;
      if (options.anatomy && !inEpicardialFat(volume, d, options.anatomy, options.surfaceDistance)) continue;
      if (lesions.some((l) => distance(l.centreMm, d.centreMm) < (l.lengthMm + d.lengthMm) / 2 + 2)) continue;
      const contrastHu = Math.min(d.densityHu, MAX_DENSITY_HU) - bg;
      const c = renderLesion(volume, { ...d, contrastHu }, sigma);
      if (!c || c.peakHu <= 0) continue;
      // Small lesions lose their peak to the blur; raise them (within calcium's range) so each stays scorable.
      const gain = Math.min(Math.max(1, (minPeak - bg) / c.peakHu), (MAX_DENSITY_HU - bg) / contrastHu);
      let peakHu = -Infinity;
      for (let z = 0; z < c.size[2]; z++)
        for (let y = 0; y < c.size[1]; y++)
          for (let x = 0; x < c.size[0]; x++) {
            const add = c.hu[(z * c.size[1] + y) * c.size[0] + x] * gain;
            if (add <= 0) continue;
            const i = c.origin[0] + x + (c.origin[1] + y) * cols + (c.origin[2] + z) * cols * rows;
            const before = hu[i];
            const after = Math.max(-32768, Math.min(32767, Math.round(before + add)));
            hu[i] = after;
            const footprint =
              add >= 0.5 * c.peakHu * gain ||
              (after >= 130 && volume.hu[i] < 130 && add >= MIN_THRESHOLD_CONTRIBUTION_HU);
            if (!footprint || (owner.get(i) ?? 0) > add) continue;
            owner.set(i, add);
            labels[i] = LABEL[d.artery];
            peakHu = Math.max(peakHu, after);
          }
      lesions.push({
        artery: d.artery,
        segment: d.segment,
        centreMm: d.centreMm,
        lengthMm: d.lengthMm,
        diameterMm: d.diameterMm,
        peakHu,
      });
      break;
    }
  }
  return { volume: { ...volume, hu }, labels, lesions, burden };
}
