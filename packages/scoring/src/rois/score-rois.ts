import type { Volume } from '@cacscreen/dicom';
import { resolveRules, type AgatstonOptions } from '../agatston/options';
import { scoreSlices } from '../agatston/score-slices';
import { massMg } from '../calibration/mass';
import type { Roi } from './roi';
import { roiVoxelBox, roiVoxelTest } from './roi-region';
import { parseRois } from './roi-schema';

export interface RoiScore {
  agatston: number;
  volumeMm3: number;
  /** Null without options.calibrationFactor. */
  massMg: number | null;
}

/**
 * Phantom QA: scores every calcium voxel (>= threshold) whose centre lies in each region, with no labeller. The
 * region only restricts which voxels exist; components, minimum area, weights and the slice factor follow the same
 * rules as computeAgatston. Regions are scored independently, so overlapping regions both count shared calcium.
 */
export function scoreRois(
  volume: Volume,
  rois: readonly Roi[],
  options: AgatstonOptions = {},
): Record<string, RoiScore> {
  const rules = resolveRules(volume, options);
  const out: Record<string, RoiScore> = {};
  for (const roi of parseRois(rois)) {
    const box = roiVoxelBox(volume, roi);
    const components = box ? scoreSlices(volume, rules, box, roiVoxelTest(volume, roi)) : [];
    let agatston = 0;
    let voxels = 0;
    let sumHu = 0;
    for (const c of components) {
      agatston += c.agatston;
      voxels += c.pixels.length;
      sumHu += c.sumHu;
    }
    out[roi.name] = {
      agatston,
      volumeMm3: voxels * rules.voxelVolumeMm3,
      massMg: massMg(sumHu, rules.voxelVolumeMm3, rules.calibrationFactor),
    };
  }
  return out;
}
