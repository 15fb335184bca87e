import { labelCalciumBaseline } from '../labelling';
import type { CalciumLabeller } from './calcium-labeller';

/** Bump when the baseline method changes: results are stored per model version. */
export const BASELINE_LABELLER_VERSION = 'baseline-1.1.0';

/** The non-learned labeller (see docs/phantom.md, "Baseline labeller") behind the common labeller interface. */
export function createBaselineLabeller(): CalciumLabeller {
  return {
    name: 'baseline-threshold',
    version: BASELINE_LABELLER_VERSION,
    sha256: null,
    label: async (volume) => labelCalciumBaseline(volume),
  };
}
