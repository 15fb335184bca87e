import { CalciumLabeller, createBaselineLabeller } from '@cacscreen/scoring';

const LABELLERS: Record<string, () => Promise<CalciumLabeller>> = {
  baseline: async () => createBaselineLabeller(),
};

/** The calcium labeller the inference worker uses: CACSCREEN_LABELLER (default "baseline"). */
export async function loadLabeller(name = process.env.CACSCREEN_LABELLER ?? 'baseline'): Promise<CalciumLabeller> {
  const load = LABELLERS[name];
  if (!load) throw new Error(`Unknown labeller "${name}"; choose one of: ${Object.keys(LABELLERS).join(', ')}`);
  return load();
}
