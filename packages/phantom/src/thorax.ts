/** generateThorax: one synthetic non-contrast chest CT with its ground-truth calcium label map. */
import type { Volume } from '@cacscreen/dicom';
import { CalciumLabel, type CoronaryArtery } from '@cacscreen/scoring';
import { type Anatomy, sampleAnatomy } from './anatomy';
import { type Canvas, type CalciumKind, placeCalcium, quantiseHu } from './calcium';
import { type HardNegativeKind, addHardNegatives } from './hard-negatives';
import { Rng, fillNormal } from './random';
import { blurInPlane, blurKernel, highPassNoise, sharpReconstruction, unsharp } from './reconstruct';
import { type Grid, renderAnatomy, voxelCount } from './render';
import { type BurdenCategory, type PhantomSettings, resolvePhantomSettings } from './settings';
import type { Vec3 } from './vec';

export { blurKernel } from './reconstruct';

export interface GroundTruthLesion {
  /** 1-based, unique within the study. */
  id: number;
  kind: CalciumKind;
  /** CalciumLabel of its voxels: 1–4 for coronary lesions, 5 for other calcium. */
  label: CalciumLabel;
  artery: CoronaryArtery | null;
  /** Centre in DICOM patient coordinates (LPS, mm). */
  centreMm: Vec3;
  semiAxesMm: Vec3;
  /** HU of the deposit material before partial volume, blur and noise. */
  peakHu: number;
  /** Labelled voxels (HU ≥ 130 after noise) in the ground-truth map. */
  voxelCount: number;
  /** This lesion's Agatston on its own (reference scorer, thickness-normalised to 3 mm). */
  agatston: number;
}

/** Anatomy landmarks in patient coordinates, for tests and documentation (never used by the labellers). */
export interface PhantomLandmarks {
  heartCentreMm: Vec3;
  heartAxis: Vec3;
  heartAnterior: Vec3;
  heartLeft: Vec3;
  heartSemiAxesMm: Vec3;
  aorticRootMm: Vec3;
  /** Patient z = body z + tableOffsetMm. */
  tableOffsetMm: number;
}

/** A hard negative that is not a deposit (bone, metal) or that groups deposits (a node), for tests and QA. */
export interface HardNegativeFeature {
  kind: HardNegativeKind;
  /** Node centre, bone-on-pericardium contact point, wire loop centre or lead position in the right atrium (LPS mm). */
  centreMm: Vec3;
  /** For bone contacts: the artery whose course the bone touches (the sternum: null). */
  artery: CoronaryArtery | null;
}

export interface PhantomStudy {
  volume: Volume;
  /** CalciumLabel per voxel, same grid as volume.hu. */
  labels: Uint8Array;
  lesions: GroundTruthLesion[];
  settings: PhantomSettings;
  /** The burden actually drawn (resolves 'random'). */
  burden: BurdenCategory;
  landmarks: PhantomLandmarks;
  /** What `hardNegatives` added (empty without it). Their calcium is also in `lesions` (label 5). */
  hardNegatives: HardNegativeFeature[];
}

function resolveBurden(settings: PhantomSettings, rng: Rng): BurdenCategory {
  if (settings.burden !== 'random') return settings.burden;
  return (['none', 'low', 'moderate', 'high'] as const)[rng.weighted([0.3, 0.25, 0.25, 0.2])];
}

function gridFor(settings: PhantomSettings): Grid {
  const n = settings.matrix;
  const px = settings.pixelSpacingMm;
  const sz = settings.sliceThicknessMm;
  const slices = Math.max(1, Math.round(settings.coverageMm / sz));
  const zLow = -0.42 * settings.coverageMm;
  return {
    cols: n,
    rows: n,
    slices,
    spacing: [px, px, sz],
    origin: [(-(n - 1) / 2) * px, (-(n - 1) / 2) * px, zLow + sz / 2],
  };
}

function toPatient(p: Vec3, tableOffsetMm: number): Vec3 {
  return [p[0], p[1], p[2] + tableOffsetMm];
}

function landmarksOf(a: Anatomy, tableOffsetMm: number): PhantomLandmarks {
  return {
    heartCentreMm: toPatient(a.heart.centre, tableOffsetMm),
    heartAxis: a.heart.axis,
    heartAnterior: a.heart.anterior,
    heartLeft: a.heart.left,
    heartSemiAxesMm: a.heart.semiAxesMm,
    aorticRootMm: toPatient(a.aorticRoot, tableOffsetMm),
    tableOffsetMm,
  };
}

/**
 * Generates one axial non-contrast chest CT (HU volume in LPS patient coordinates, slices ordered foot → head) with
 * coronary and non-coronary calcium and the ground-truth label map. Pure function of the settings (seed included).
 */
export function generateThorax(options: Partial<PhantomSettings> = {}): PhantomStudy {
  const settings = resolvePhantomSettings(options);
  const root = new Rng(settings.seed);
  const anatomyRng = root.fork(1);
  const noiseRng = root.fork(2);
  const calciumRng = root.fork(3);
  const studyRng = root.fork(4);
  // Streams for later options: drawn after the original four so those are unchanged.
  const hardNegativeRng = root.fork(5);
  const kernelRng = root.fork(6);
  const burden = resolveBurden(settings, studyRng);
  const tableOffsetMm = Math.round(studyRng.uniform(-300, 50) * 2) / 2;

  const anatomy = sampleAnatomy(anatomyRng, settings.bodyScale);
  const grid = gridFor(settings);
  const n = voxelCount(grid);
  const clean = renderAnatomy(anatomy, grid);
  const hard = settings.hardNegatives ? addHardNegatives(anatomy, grid, clean, hardNegativeRng) : null;
  const noise = new Float32Array(n);
  if (settings.noiseHu > 0) fillNormal(noise, settings.noiseHu, Math.floor(noiseRng.next() * 4294967296));
  const sharp =
    settings.kernel === 'sharp' ? sharpReconstruction(settings.blurSigmaMm, settings.pixelSpacingMm, kernelRng) : null;
  if (sharp && settings.noiseHu > 0) highPassNoise(noise, grid, sharp.highPass);
  const canvas: Canvas = {
    grid,
    clean,
    noise,
    support: new Uint16Array(n),
    kernel: sharp ? sharp.kernel : blurKernel(settings.blurSigmaMm, settings.pixelSpacingMm),
    sliceThicknessMm: settings.sliceThicknessMm,
  };
  if (sharp) canvas.sharpen = { amount: sharp.amount, wide: sharp.wide };
  if (hard) canvas.excluded = hard.excluded;
  const blobs = placeCalcium(anatomy, canvas, burden, settings.distractors, calciumRng, hard?.blobs);

  // The clean image is not needed once the calcium is placed: blur it in place.
  const wide = sharp ? (sharp.wide.length > 1 ? blurInPlane(clean, grid, sharp.wide) : clean.slice()) : null;
  let blurred = blurInPlane(clean, grid, canvas.kernel, clean);
  if (sharp && wide) blurred = unsharp(blurred, wide, sharp.amount);
  const hu = new Int16Array(n);
  for (let i = 0; i < n; i++) hu[i] = quantiseHu(blurred[i] + noise[i]);

  const labelOfBlob = new Uint8Array(blobs.length + 1);
  for (const b of blobs) labelOfBlob[b.id] = b.label;
  const labels = new Uint8Array(n);
  const counts = new Uint32Array(blobs.length + 1);
  const support = canvas.support;
  if (hard) {
    // Bone and metal are never calcium; nor is anything as bright as metal (no deposit reaches 2000 HU).
    const excluded = hard.excluded;
    for (let i = 0; i < n; i++) {
      const id = support[i];
      if (id !== 0 && hu[i] >= 130 && hu[i] < 2000 && excluded[i] === 0) {
        labels[i] = labelOfBlob[id];
        counts[id]++;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const id = support[i];
      if (id !== 0 && hu[i] >= 130) {
        labels[i] = labelOfBlob[id];
        counts[id]++;
      }
    }
  }

  const volume: Volume = {
    hu,
    dims: [grid.cols, grid.rows, grid.slices],
    spacingMm: [grid.spacing[0], grid.spacing[1], grid.spacing[2]],
    sliceThicknessMm: settings.sliceThicknessMm,
    originMm: toPatient(grid.origin, tableOffsetMm),
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
    kvp: settings.kvp,
  };
  const lesions: GroundTruthLesion[] = blobs.map((b) => ({
    id: b.id,
    kind: b.kind,
    label: b.label,
    artery: b.artery ?? null,
    centreMm: toPatient(b.centre, tableOffsetMm),
    semiAxesMm: b.semiAxesMm,
    peakHu: Math.round(b.peakHu),
    voxelCount: counts[b.id],
    agatston: b.agatston,
  }));
  const hardNegatives: HardNegativeFeature[] = (hard?.features ?? []).map((f) => ({
    kind: f.kind,
    centreMm: toPatient(f.centre, tableOffsetMm),
    artery: f.artery ?? null,
  }));
  return {
    volume,
    labels,
    lesions,
    settings,
    burden,
    landmarks: landmarksOf(anatomy, tableOffsetMm),
    hardNegatives,
  };
}
