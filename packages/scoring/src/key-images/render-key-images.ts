import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import { LabelsMismatchError } from '../agatston/errors';
import { resolveRules, type AgatstonOptions } from '../agatston/options';
import type { ScoreResult } from '../agatston/score-result';
import { CalciumLabel, type CoronaryArtery } from '../labels';
import { GRAY_LEVELS, grayIndex, KEY_IMAGE_PALETTE } from './palette';
import { encodeIndexedPng } from './png';
import { selectKeySlices } from './select-slices';

/** At most this many key images per study. */
export const MAX_KEY_IMAGES = 3;

/** One key image: an axial slice in the mediastinal window with its calcium coloured by artery. */
export interface KeyImage {
  /** 1 = the slice of the largest lesion, then the next largest lesion's slice, … */
  rank: number;
  /** Slice index in the volume (0-based, slices sorted along the slice normal). */
  sliceIndex: number;
  /** Patient-space z (mm, DICOM LPS: head is +) of the slice's centre, to one decimal. */
  zMm: number;
  /** Coronary Agatston contribution of this slice (same rules and slice factor as the study total). */
  agatston: number;
  /** Coronary arteries with calcium counted on this slice, in LM, LAD, LCX, RCA order. */
  arteries: CoronaryArtery[];
  width: number;
  height: number;
  /** An 8-bit indexed-colour PNG, one image pixel per voxel, image rows = DICOM rows. */
  png: Buffer;
}

export interface KeyImageOptions {
  /** Default MAX_KEY_IMAGES. */
  maxImages?: number;
  /** The options the score was computed with (same threshold, minimum area, slice factor). Default: defaults. */
  agatston?: AgatstonOptions;
}

/**
 * Renders the key images of a scored study: the slices of its up-to-three largest coronary lesions (see
 * selectKeySlices), each as a PNG of the whole slice in the mediastinal window (W400/L40) with every labelled voxel
 * at or above the calcium threshold in its artery's colour (KEY_IMAGE_COLOURS). A study with no coronary calcium
 * counted (`score.agatston.total` 0) has no key images: an empty list, not a placeholder image.
 */
export function renderKeyImages(
  volume: Volume,
  labels: Uint8Array,
  score: Pick<ScoreResult, 'agatston'>,
  options: KeyImageOptions = {},
): KeyImage[] {
  const rules = resolveRules(volume, options.agatston);
  if (labels.length !== volume.hu.length) throw new LabelsMismatchError(volume.hu.length, labels.length);
  if (!(score.agatston.total > 0)) return [];
  const [cols, rows] = volume.dims;
  const plane = cols * rows;
  const slices = selectKeySlices(volume, labels, rules, options.maxImages ?? MAX_KEY_IMAGES);
  return slices.map((slice, i) => {
    const offset = slice.sliceIndex * plane;
    const pixels = new Uint8Array(plane);
    for (let p = 0; p < plane; p++) {
      const hu = volume.hu[offset + p];
      const label = labels[offset + p];
      pixels[p] =
        label >= CalciumLabel.LM && label <= CalciumLabel.OtherCalcium && hu >= rules.thresholdHu
          ? GRAY_LEVELS + label - CalciumLabel.LM
          : grayIndex(hu);
    }
    const centre = voxelToPatientMm(volume, (cols - 1) / 2, (rows - 1) / 2, slice.sliceIndex);
    return {
      rank: i + 1,
      sliceIndex: slice.sliceIndex,
      zMm: Math.round(centre[2] * 10) / 10,
      agatston: slice.agatston,
      arteries: slice.arteries,
      width: cols,
      height: rows,
      png: encodeIndexedPng({ width: cols, height: rows, pixels, palette: KEY_IMAGE_PALETTE }),
    };
  });
}
