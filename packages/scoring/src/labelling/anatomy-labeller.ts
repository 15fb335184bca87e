/**
 * The anatomy labeller: calcium candidates classified by where they lie relative to the located heart and what
 * surrounds them, rules that hold on real CT of every field of view (docs/model.md).
 *
 * 1. Locate the heart (anatomy/locate-heart.ts); without one, nothing is called coronary and the result says why.
 * 2. Candidates: components ≥ 130 HU in a box around the heart.
 * 3. A candidate is coronary when it lies on the heart's surface (−10 … +12 mm from the located heart, no higher than
 *    its top), is not bone-sized, is not on the descending aorta's wall, sits in fat rather than inside the heart
 *    (valves, mitral annulus), does not border lung (edge overshoot of sharp kernels), and stands above the noise.
 *    Its artery follows from its position around the heart (artery-by-anatomy.ts).
 * 4. Other candidates in the zone are labelled other calcium; those outside it stay 0.
 */
import type { Volume } from '@cacscreen/dicom';
import { cellToPatient } from '../anatomy/coarse-grid';
import { signedDistance } from '../anatomy/distance-field';
import { coarseFieldAt, type SurfaceDistance } from '../anatomy/heart-surface';
import type { Vec3 } from '../anatomy/heart-frame';
import { type HeartLocation, type HeartSearch, locateHeart } from '../anatomy/locate-heart';
import { type AortaSection, locateDescendingAorta } from '../anatomy/locate-descending-aorta';
import { CalciumLabel, CORONARY_ARTERIES } from '../labels';
import { arteryByAnatomy, inLeftMainRegion } from './artery-by-anatomy';
import { type Candidate, findCandidates, type NativeBox } from './calcium-candidates';
import { grownOnOriginal } from './grow-on-original';
import { SHARP_KERNEL_NOISE_HU, softenedCopy, softeningStepPx } from './soften-sharp-kernel';

const CALCIUM_HU = 130;
/** The coronary zone around the located heart's surface (mm; negative = inside the located heart). */
export const CORONARY_ZONE_MM: [number, number] = [-10, 12];
/** Within this height (mm) below the located heart's top the zone reaches BASE_ZONE_MM out (left main, ostia). */
const BASE_BAND_MM = 25;
const BASE_ZONE_MM = 14;
/**
 * Coronary calcium lies no higher than this above the located heart's top (the left main at the aortic root). The
 * located top can sit a centimetre or more under the root when the mediastinum above the heart is not taken for heart:
 * 12 mm lost proximal LAD, LM and LCX plaques of 4 of 30 independent-generator cases; 20 mm lost none and added no
 * coronary call on the real scans.
 */
const ABOVE_TOP_MM = 20;
/**
 * Candidates are searched this far (mm) around the located heart: every coronary centroid lies within BASE_ZONE_MM of
 * its surface, and 10 mm more leave room for the component around it.
 */
const ZONE_BOX_MARGIN_MM = BASE_ZONE_MM + 10;
/** Candidates larger than this (mm³) are bone (sternum, vertebrae, ribs). */
const BONE_MM3 = 3000;
/** Margin (mm) around the descending aorta's section whose calcium is the aorta's. */
const AORTA_MARGIN_MM = 6;
/**
 * Behind the heart's centre, calcium this close (mm) to the spine is the descending aorta's wall (the aorta lies on
 * the vertebral bodies) or paraspinal, never coronary: the circumflex runs in the AV groove well in front of it.
 */
const SPINE_CLEARANCE_MM = 35;
/** … when it lies this far (mm) behind the centre of the heart's section at its height. */
const BEHIND_SECTION_MM = 25;
/**
 * … and no lower than this under the heart's centre. What the rule rejects on real scans (bronchial, hilar and
 * subcarinal calcium, the aortic wall by the carina) lies at the base, 5–60 mm above the centre on A0001 and A0002;
 * lower down the posterior surface is the crux, where the distal RCA and the posterior descending artery run close to
 * the spine in a small chest (the independent generator lost them to this rule).
 */
const SPINE_RULE_BELOW_CENTRE_MM = 10;
/** Calcium stands out from the tissue around it; bright specks in cartilage or myocardium do not (HU). */
const MIN_CONTRAST_HU = 80;
/** Candidates smaller than this (mm³) must also peak this many per-pixel noise SDs above blood. */
const SMALL_MM3 = 30;
const SMALL_PEAK_SDS = 5;
/**
 * Behind the atria (posterior sector, above the heart's centre) no coronary runs: calcium there is a lymph node by
 * the oesophagus or the aortic wall. Angles as in artery-by-anatomy.ts.
 */
const BEHIND_ATRIA_DEG: [number, number] = [-140, -60];
/** Coarse cells this bright (mean HU) are bone. */
const BONE_CELL_HU = 180;
const MIN_FAT_SHARE = 0.15;
/**
 * … or, where thin fat is partial-volumed with the vessel (thick slices), surroundings this much darker than blood
 * (median of the shell): calcium inside the heart (valves, mitral annulus) sits in blood and myocardium. Gained 5
 * hybrid lesions of 112 (mostly RCA in the right atrioventricular groove) and no coronary call on the real scans.
 */
const SHELL_BELOW_BLOOD_HU = 20;
/**
 * Lung edge: calcium-bright voxels bordering lung are edge overshoot or lung nodules, unless fat holds them too, as it
 * holds a coronary running near the lung in the atrioventricular groove.
 */
const MAX_LUNG_SHARE = 0.4;
const LUNG_SHARE_NEEDING_FAT = 0.2;
const FAT_SHARE_NEAR_LUNG = 0.3;
/**
 * Noise: a candidate whose 3 × 3 mean never rises this far above blood (at least NOISE_MIN_RISE_HU, or one noise SD)
 * is a noise spike or edge overshoot, not calcium.
 */
const NOISE_MIN_RISE_HU = 25;
/** … and at least this many SDs of the 3 × 3 means' own noise (sharp kernels: correlated noise, bright specks). */
const NOISE_SMOOTHED_SDS = 4.5;
/**
 * Faint: a candidate of at least FAINT_MM3 whose peak stays below 130 HU + FAINT_HU_PER_DOUBLING for every doubling
 * of its volume past 10 mm³ is a smear (cardiac motion, streak), not a calcification, which is denser the larger it is.
 */
const FAINT_MM3 = 30;
const FAINT_HU_PER_DOUBLING = 35;

export type CandidateDecision =
  | 'coronary'
  | 'outside-zone'
  | 'above-heart'
  | 'bone'
  | 'aorta'
  | 'by-spine'
  | 'behind-atria'
  | 'low-contrast'
  | 'lung-edge'
  | 'noise'
  | 'faint'
  | 'no-fat';

export interface CandidateRecord {
  /** Native voxel indices of the component (for diagnostics and overlays). */
  voxels: number[];
  centroidMm: Vec3;
  volumeMm3: number;
  peakHu: number;
  surfaceDistanceMm: number;
  fatShare: number;
  lungShare: number;
  decision: CandidateDecision;
  label: CalciumLabel;
}

export interface AnatomyLabelling {
  labels: Uint8Array;
  heart: HeartSearch;
  aorta: (AortaSection | null)[];
  candidates: CandidateRecord[];
  /** Blood HU, noise SD (of ~1 mm² block means) and the SD of 3 × 3 in-plane means, measured inside the heart. */
  bloodHu: number;
  noiseHu: number;
  smoothedNoiseHu: number;
  /** Whether the series was treated as a sharp-kernel reconstruction (candidates found on a softened copy). */
  sharpKernel: boolean;
  /** Milliseconds per stage (heart, context, candidates, rules), for benchmarks. */
  timingsMs: Record<string, number>;
}

/** The native voxel box covering the coronary zone. */
function zoneBox(volume: Volume, heart: HeartLocation): NativeBox {
  const { grid, mask } = heart;
  const [nx, ny, nz] = grid.dims;
  const lo: Vec3 = [nx, ny, nz];
  const hi: Vec3 = [-1, -1, -1];
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / (nx * ny);
    const c = [x, y, z];
    for (let a = 0; a < 3; a++) {
      lo[a] = Math.min(lo[a], c[a]);
      hi[a] = Math.max(hi[a], c[a]);
    }
  }
  const margin = grid.spacingMm.map((s) => Math.ceil(ZONE_BOX_MARGIN_MM / s));
  const out: NativeBox = { lo: [0, 0, 0], hi: [0, 0, 0] };
  for (let a = 0; a < 3; a++) {
    const f = grid.factor[a];
    out.lo[a] = Math.max(0, (lo[a] - margin[a]) * f);
    out.hi[a] = Math.min(volume.dims[a] - 1, (hi[a] + margin[a] + 1) * f - 1);
  }
  return out;
}

/** Median blood HU and a robust noise SD (neighbour differences) from native voxels deep inside the heart. */
interface BloodStatistics {
  bloodHu: number;
  noiseHu: number;
  smoothedNoiseHu: number;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];

function bloodAndNoise(volume: Volume, heart: HeartLocation, distance: Float32Array): BloodStatistics {
  const { grid } = heart;
  const [gx, gy] = grid.dims;
  const [fx, fy, fz] = grid.factor;
  const [nx, ny] = volume.dims;
  const values: number[] = [];
  const diffs: number[] = [];
  const means: number[] = [];
  // Noise on a fixed physical scale: differences between neighbouring k × k blocks of about 1 mm, so a kernel's
  // noise reads the same whatever the pixel size (a 0.4 mm cardiac reconstruction, a 0.8 mm chest one).
  const k = Math.max(1, Math.round(1 / volume.spacingMm[0]));
  const blockMean = (v: number) => {
    let m = 0;
    for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) m += volume.hu[v + dx + dy * nx];
    return m / (k * k);
  };
  for (let i = 0; i < distance.length && values.length < 200000; i++) {
    if (distance[i] > -12) continue;
    const x = i % gx;
    const y = ((i - x) / gx) % gy;
    const z = (i - x - y * gx) / (gx * gy);
    const vz = z * fz + (fz >> 1);
    for (let yy = y * fy; yy < (y + 1) * fy; yy++) {
      for (let xx = x * fx + 1; xx < (x + 1) * fx; xx++) {
        const v = xx + yy * nx + vz * nx * ny;
        values.push(volume.hu[v]);
        if (
          (xx - x * fx) % k === 0 &&
          (yy - y * fy) % k === 0 &&
          xx + 2 * k <= (x + 1) * fx &&
          yy + k <= (y + 1) * fy
        ) {
          diffs.push(Math.abs(blockMean(v) - blockMean(v + k)));
        }
        if (xx % 3 === 1 && yy % 3 === 1 && yy > 0 && yy < ny - 1) {
          let m = 0;
          for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) m += volume.hu[v + dx + dy * nx] / 9;
          means.push(m);
        }
      }
    }
  }
  if (!values.length || !means.length || !diffs.length) return { bloodHu: 40, noiseHu: 20, smoothedNoiseHu: 10 };
  const bloodHu = median(values);
  const meanOfMeans = median(means);
  // For independent Gaussian noise, |a − b| has median 0.6745·√2·σ, and |x − median| has median 0.6745·σ.
  return {
    bloodHu,
    noiseHu: median(diffs) / (0.6745 * Math.SQRT2),
    smoothedNoiseHu: median(means.map((m) => Math.abs(m - meanOfMeans))) / 0.6745,
  };
}

/**
 * Centre (patient x, y) of the heart's axial section nearest to a height z: the heart's base lies behind and above its
 * centre of mass, so angles around the section's own centre say more about which groove a point is in. Computed once
 * per coarse slice.
 */
export function sectionCentres(heart: HeartLocation): (zMm: number) => [number, number] {
  const { grid, mask } = heart;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const centres: { z: number; xy: [number, number] }[] = [];
  for (let z = 0; z < nz; z++) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    for (let p = 0; p < plane; p++) {
      if (!mask[z * plane + p]) continue;
      const x = p % nx;
      n++;
      sx += x;
      sy += (p - x) / nx;
    }
    if (!n) continue;
    const c = cellToPatient(grid, sx / n, sy / n, z);
    centres.push({ z: c[2], xy: [c[0], c[1]] });
  }
  const fallback: [number, number] = [heart.frame.centreMm[0], heart.frame.centreMm[1]];
  return (zMm) => {
    let best = fallback;
    let bestDz = Infinity;
    for (const c of centres) {
      const dz = Math.abs(c.z - zMm);
      if (dz < bestDz) {
        bestDz = dz;
        best = c.xy;
      }
    }
    return best;
  };
}

/**
 * The spine on the coarse grid: the largest 3-D component of bone cells behind the heart's centre (the vertebral
 * column, with whatever rib heads touch it), or null when the scan shows none.
 */
function spineCells(heart: HeartLocation): Uint8Array | null {
  const { grid } = heart;
  const [nx, ny, nz] = grid.dims;
  const plane = nx * ny;
  const bone = new Uint8Array(grid.hu.length);
  // Axial grid: a cell's patient y depends on its row only.
  const behind = Array.from({ length: ny }, (_, y) => cellToPatient(grid, 0, y, 0)[1] > heart.frame.centreMm[1]);
  for (let i = 0; i < bone.length; i++) {
    if (grid.hu[i] < BONE_CELL_HU) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    if (behind[y]) bone[i] = 1;
  }
  const seen = new Uint8Array(bone.length);
  let best: number[] = [];
  for (let start = 0; start < bone.length; start++) {
    if (!bone[start] || seen[start]) continue;
    const cells = [start];
    seen[start] = 1;
    for (let k = 0; k < cells.length; k++) {
      const i = cells[k];
      const x = i % nx;
      const y = ((i - x) / nx) % ny;
      const z = (i - x - y * nx) / plane;
      const visit = (j: number) => {
        if (bone[j] && !seen[j]) {
          seen[j] = 1;
          cells.push(j);
        }
      };
      if (x > 0) visit(i - 1);
      if (x < nx - 1) visit(i + 1);
      if (y > 0) visit(i - nx);
      if (y < ny - 1) visit(i + nx);
      if (z > 0) visit(i - plane);
      if (z < nz - 1) visit(i + plane);
    }
    if (cells.length > best.length) best = cells;
  }
  if (best.length < 20) return null;
  const out = new Uint8Array(bone.length);
  for (const i of best) out[i] = 1;
  return out;
}

function aortaAt(heart: HeartLocation, aorta: (AortaSection | null)[], p: Vec3): AortaSection | null {
  const { grid } = heart;
  let best: AortaSection | null = null;
  let bestDz = Infinity;
  aorta.forEach((section, z) => {
    if (!section) return;
    const dz = Math.abs(cellToPatient(grid, 0, 0, z)[2] - p[2]);
    if (dz < bestDz && dz <= grid.spacingMm[2]) {
      bestDz = dz;
      best = section;
    }
  });
  return best;
}

function decide(
  c: Candidate,
  d: number,
  heart: HeartLocation,
  aorta: (AortaSection | null)[],
  blood: BloodStatistics,
  spineDistance: SurfaceDistance | null,
  sections: (zMm: number) => [number, number],
): CandidateDecision {
  if (c.volumeMm3 > BONE_MM3) return 'bone';
  const root = heart.frame.aorticRootMm;
  // At the base the left main and the proximal arteries leave the aortic root, beyond the located heart's surface.
  const nearBase = c.centroidMm[2] > heart.zRangeMm[1] - BASE_BAND_MM;
  const zoneTop = nearBase ? BASE_ZONE_MM : CORONARY_ZONE_MM[1];
  // The left main runs from the root's left sinus, which can lie above the located heart and beyond its zone.
  const leftMain = inLeftMainRegion(c.centroidMm, heart.frame);
  if (!leftMain && !(d >= CORONARY_ZONE_MM[0] && d <= zoneTop)) return 'outside-zone';
  const top = Math.max(heart.zRangeMm[1], root ? root[2] : -Infinity) + ABOVE_TOP_MM;
  if (c.centroidMm[2] > top) return 'above-heart';
  const section = aortaAt(heart, aorta, c.centroidMm);
  if (section) {
    const r = Math.hypot(c.centroidMm[0] - section.centreMm[0], c.centroidMm[1] - section.centreMm[1]);
    if (r <= section.radiusMm + AORTA_MARGIN_MM) return 'aorta';
  }
  const [hx, hy] = sections(c.centroidMm[2]);
  if (
    spineDistance &&
    c.centroidMm[2] > heart.frame.centreMm[2] - SPINE_RULE_BELOW_CENTRE_MM &&
    c.centroidMm[1] > hy + BEHIND_SECTION_MM &&
    spineDistance(c.centroidMm) < SPINE_CLEARANCE_MM
  ) {
    return 'by-spine';
  }
  const angle = (Math.atan2(-(c.centroidMm[1] - hy), c.centroidMm[0] - hx) * 180) / Math.PI;
  if (c.centroidMm[2] > heart.frame.centreMm[2] && angle > BEHIND_ATRIA_DEG[0] && angle < BEHIND_ATRIA_DEG[1]) {
    return 'behind-atria';
  }
  if (c.lungShare > MAX_LUNG_SHARE) return 'lung-edge';
  if (c.lungShare > LUNG_SHARE_NEEDING_FAT && c.fatShare < FAT_SHARE_NEAR_LUNG) return 'lung-edge';
  if (c.smoothedPeakHu < blood.bloodHu + Math.max(NOISE_MIN_RISE_HU, NOISE_SMOOTHED_SDS * blood.smoothedNoiseHu)) {
    return 'noise';
  }
  if (c.volumeMm3 < SMALL_MM3 && c.peakHu < blood.bloodHu + SMALL_PEAK_SDS * blood.noiseHu) return 'noise';
  if (c.peakHu - c.shellHu < MIN_CONTRAST_HU) return 'low-contrast';
  if (c.volumeMm3 >= FAINT_MM3 && c.peakHu < CALCIUM_HU + FAINT_HU_PER_DOUBLING * Math.log2(c.volumeMm3 / 10)) {
    return 'faint';
  }
  if (c.fatShare < MIN_FAT_SHARE && c.shellHu > blood.bloodHu - SHELL_BELOW_BLOOD_HU) return 'no-fat';
  return 'coronary';
}

export function labelCalciumByAnatomy(volume: Volume): AnatomyLabelling {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + now - mark;
    mark = now;
  };
  const labels = new Uint8Array(volume.hu.length);
  const heart = locateHeart(volume);
  lap('heart');
  if (!heart.found) {
    return {
      labels,
      heart,
      aorta: [],
      candidates: [],
      sharpKernel: false,
      bloodHu: NaN,
      noiseHu: NaN,
      smoothedNoiseHu: NaN,
      timingsMs: timings,
    };
  }
  const distance = signedDistance(heart.mask, heart.grid.dims, heart.grid.spacingMm);
  lap('distance');
  const aorta = locateDescendingAorta(heart.grid, heart.masks, heart.mask, heart.frame);
  lap('aorta');
  const box = zoneBox(volume, heart);
  const blood = bloodAndNoise(volume, heart, distance);
  lap('noise');
  const sharp = blood.noiseHu > SHARP_KERNEL_NOISE_HU;
  // Sharp kernel: candidates are searched on a softened copy (soften-sharp-kernel.ts), with its own noise statistics.
  const searched = sharp ? softenedCopy(volume, box, softeningStepPx(volume.spacingMm[0])) : volume;
  const searchedBlood = sharp ? bloodAndNoise(searched, heart, distance) : blood;
  lap('soften');
  const spine = spineCells(heart);
  lap('spine');
  const spineDistance = spine
    ? coarseFieldAt(heart, signedDistance(spine, heart.grid.dims, heart.grid.spacingMm))
    : null;
  const surface = coarseFieldAt(heart, distance);
  const sections = sectionCentres(heart);
  lap('context');
  const found = findCandidates(searched, box, CALCIUM_HU);
  lap('candidates');
  const candidates: CandidateRecord[] = [];
  for (const c of found) {
    const d = surface(c.centroidMm);
    const decision = decide(c, d, heart, aorta, searchedBlood, spineDistance, sections);
    let label: CalciumLabel = CalciumLabel.Background;
    if (decision === 'coronary') {
      const artery = arteryByAnatomy(c.centroidMm, sections(c.centroidMm[2]), heart.frame, heart.zRangeMm);
      label = (CORONARY_ARTERIES.indexOf(artery) + CalciumLabel.LM) as CalciumLabel;
    } else if (
      decision !== 'outside-zone' &&
      decision !== 'bone' &&
      decision !== 'noise' &&
      decision !== 'faint' &&
      decision !== 'lung-edge' &&
      decision !== 'low-contrast'
    ) {
      label = CalciumLabel.OtherCalcium;
    }
    // A coronary lesion found on a softened copy is labelled out to its calcium on the acquired pixels.
    const labelled =
      sharp && decision === 'coronary' ? grownOnOriginal(volume, c.voxels, c.peakHu, box, CALCIUM_HU) : c.voxels;
    if (label) for (const v of labelled) labels[v] = label;
    candidates.push({
      voxels: c.voxels,
      centroidMm: c.centroidMm,
      volumeMm3: c.volumeMm3,
      peakHu: c.peakHu,
      surfaceDistanceMm: d,
      fatShare: c.fatShare,
      lungShare: c.lungShare,
      decision,
      label,
    });
  }
  lap('rules');
  return { labels, heart, aorta, candidates, sharpKernel: sharp, ...blood, timingsMs: timings };
}
