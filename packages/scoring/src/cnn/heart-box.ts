/**
 * Where to crop: the heart located on a coarse (~4 mm) copy of the volume, with the baseline's image-only heart finder,
 * so locating costs one pass over the native voxels however large the series is.
 */
import { type Volume, voxelToPatientMm } from '@cacscreen/dicom';
import { type LocatedHeart, locateHeart } from '../labelling/baseline-heart';
import { boxAround, type ModelBox, type Vec3 } from './model-grid';

const COARSE_MM = 4;

/**
 * Coarse copy of the volume with cells of about COARSE_MM (never finer than the native grid): in-plane block averages
 * of one native slice per coarse slice (the middle one), which is all the heart finder needs and reads only a
 * fraction of a thin-slice series.
 */
export function coarseVolume(volume: Volume, targetMm = COARSE_MM): Volume {
  const [cols, rows, slices] = volume.dims;
  const f = volume.spacingMm.map((s) => Math.max(1, Math.round(targetMm / s))) as Vec3;
  const [cw, ch, cs] = [Math.floor(cols / f[0]), Math.floor(rows / f[1]), Math.max(1, Math.floor(slices / f[2]))];
  const sums = new Float64Array(cw * ch * cs);
  const plane = cols * rows;
  const cellOfX = new Int32Array(cw * f[0]);
  for (let x = 0; x < cellOfX.length; x++) cellOfX[x] = (x / f[0]) | 0;
  const middle = Math.min(slices - 1, (f[2] - 1) >> 1);
  for (let cz = 0; cz < cs; cz++) {
    const z = Math.min(slices - 1, cz * f[2] + middle);
    for (let y = 0; y < ch * f[1]; y++) {
      const row = z * plane + y * cols;
      const cellRow = (cz * ch + ((y / f[1]) | 0)) * cw;
      for (let x = 0; x < cellOfX.length; x++) sums[cellRow + cellOfX[x]] += volume.hu[row + x];
    }
  }
  const perCell = f[0] * f[1];
  const hu = new Int16Array(sums.length);
  for (let i = 0; i < sums.length; i++) hu[i] = Math.round(sums[i] / perCell);
  const originMm = voxelToPatientMm(volume, (f[0] - 1) / 2, (f[1] - 1) / 2, middle);
  return {
    ...volume,
    hu,
    dims: [cw, ch, cs],
    spacingMm: [volume.spacingMm[0] * f[0], volume.spacingMm[1] * f[1], volume.spacingMm[2] * f[2]],
    originMm,
  };
}

export interface HeartCrop {
  box: ModelBox;
  /** False when no heart was found and the box sits on the volume's centre instead. */
  heartFound: boolean;
  heart: LocatedHeart | null;
}

/** Margins of the heart zone around the located heart (mm): the coronaries run on its surface. */
const ZONE_RADIAL_MARGIN_MM = 22;
const ZONE_VERTICAL_MARGIN_MM = 30;

/**
 * Whether a point can hold coronary calcium: inside an ellipsoid around the located heart (axial radius + margin,
 * half its height + margin). A safety net for anatomy the model never saw in training — calcified costal cartilage
 * under the heart, say; with no heart found every point passes.
 */
export function inHeartZone(heart: LocatedHeart | null, pointMm: Vec3): boolean {
  if (!heart) return true;
  const [cx, cy] = heart.centreMm;
  const inPlane = Math.hypot(pointMm[0] - cx, pointMm[1] - cy) / (heart.radiusMm + ZONE_RADIAL_MARGIN_MM);
  const midZ = (heart.lowZMm + heart.highZMm) / 2;
  const vertical = (pointMm[2] - midZ) / ((heart.highZMm - heart.lowZMm) / 2 + ZONE_VERTICAL_MARGIN_MM);
  return inPlane * inPlane + vertical * vertical <= 1;
}

/** The model's heart-region box: centred on the located heart, or on the middle of the volume when none is found. */
export function heartCrop(volume: Volume, spacingMm: Vec3, cells: Vec3): HeartCrop {
  const heart = locateHeart(coarseVolume(volume));
  if (heart) return { box: boxAround(heart.centreMm, spacingMm, cells), heartFound: true, heart };
  const [cols, rows, slices] = volume.dims;
  const centre = voxelToPatientMm(volume, (cols - 1) / 2, (rows - 1) / 2, (slices - 1) / 2);
  return { box: boxAround(centre, spacingMm, cells), heartFound: false, heart: null };
}
