import { type AnatomyLabelling, labelCalciumByAnatomy } from '../labelling/anatomy-labeller';
import type { CalciumLabeller, LabellerFindings } from './calcium-labeller';

/** Bump when the anatomy labeller's rules change: results are stored per labeller version. */
export const ANATOMY_LABELLER_VERSION = 'anatomy-2.3.0';

export interface AnatomyLabeller extends CalciumLabeller {
  /**
   * The whole result of the last call (heart, candidates and their decisions), for overlays and evaluation scripts
   * that label one volume at a time.
   */
  lastLabelling: AnatomyLabelling | null;
}

export function findingsOf(result: AnatomyLabelling): LabellerFindings {
  const notes: string[] = [];
  if (result.sharpKernel) notes.push('sharp-kernel noise: calcium candidates found on an in-plane softened copy');
  if (result.heart.found) {
    if (!result.heart.frame.aorticRootMm) notes.push('aortic root not found: no lesion can be called left main');
    if (result.heart.mode === 'cardiac-fov') notes.push('cardiac field of view');
    return { heartFound: true, notes };
  }
  return { heartFound: false, heartNotFoundReason: result.heart.reason, notes };
}

/** The rule-based anatomy labeller (docs/model.md) behind the common labeller interface. */
export function createAnatomyLabeller(): AnatomyLabeller {
  const labeller: AnatomyLabeller = {
    name: 'cacscreen-anatomy',
    version: ANATOMY_LABELLER_VERSION,
    sha256: null,
    lastLabelling: null,
    async label(volume) {
      return (await labeller.labelWithFindings!(volume)).labels;
    },
    async labelWithFindings(volume) {
      const result = labelCalciumByAnatomy(volume);
      labeller.lastLabelling = result;
      return { labels: result.labels, findings: findingsOf(result) };
    },
  };
  return labeller;
}
