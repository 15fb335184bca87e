import type { Volume } from '@cacscreen/dicom';
import { massMg } from '../calibration/mass';
import { CORONARY_ARTERIES, type CoronaryArtery } from '../labels';
import { arteryComponents } from './artery-assignment';
import { cacCategory, cacDrs, classicClass } from './categories';
import { LabelsMismatchError } from './errors';
import { resolveRules, type AgatstonOptions } from './options';
import type { ScoreResult } from './score-result';
import { groupLesions } from './group-lesions';

/**
 * Agatston, volume and mass scores of the coronary calcium in `labels` (one CalciumLabel per voxel, same layout as
 * `volume.hu`). Only voxels >= threshold that carry a coronary label (1–4) take part; 2D components are formed over
 * all four coronary labels together and each is credited to its majority artery.
 */
export function computeAgatston(volume: Volume, labels: Uint8Array, options: AgatstonOptions = {}): ScoreResult {
  const rules = resolveRules(volume, options);
  if (labels.length !== volume.hu.length) throw new LabelsMismatchError(volume.hu.length, labels.length);
  const components = arteryComponents(volume, labels, rules);

  const byArtery = Object.fromEntries(CORONARY_ARTERIES.map((a) => [a, 0])) as Record<CoronaryArtery, number>;
  let voxels = 0;
  let sumHu = 0;
  for (const c of components) {
    byArtery[c.artery] += c.agatston;
    voxels += c.pixels.length;
    sumHu += c.sumHu;
  }
  const total = CORONARY_ARTERIES.reduce((sum, a) => sum + byArtery[a], 0);
  return {
    agatston: { total, byArtery },
    volumeMm3: voxels * rules.voxelVolumeMm3,
    massMg: massMg(sumHu, rules.voxelVolumeMm3, rules.calibrationFactor),
    lesions: groupLesions(volume, components, rules.voxelVolumeMm3),
    cacDrs: cacDrs(total, byArtery),
    category: cacCategory(total),
    classicClass: classicClass(total),
    qualityFlags: rules.flags,
  };
}
