/**
 * The heart frame hybrid lesions are placed on. The coronary tree's ostia are anchored on the aortic root
 * (dodge-frame.ts); the root comes from the generator's own finder (aorticRootBySection), not from the labeller's
 * locator, so a change to the labeller cannot move the evaluation set's lesions.
 */
import { aorticRootBySection, type HeartFrame, type HeartLocation } from '@cacscreen/scoring';

export function hybridPlacementFrame(heart: HeartLocation): HeartFrame {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { aorticRootMm: _labellerRoot, aorticRootRadiusMm: _radius, ...fitted } = heart.frame;
  return { ...fitted, aorticRootMm: aorticRootBySection(heart.grid, heart.masks, fitted, heart.zRangeMm) };
}
