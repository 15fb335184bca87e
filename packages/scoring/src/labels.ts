/** Per-voxel labels produced by a calcium labeller (baseline or CNN) and by the phantom's ground truth. */
export enum CalciumLabel {
  Background = 0,
  LM = 1,
  LAD = 2,
  LCX = 3,
  RCA = 4,
  OtherCalcium = 5,
}

export const CORONARY_ARTERIES = ['LM', 'LAD', 'LCX', 'RCA'] as const;
export type CoronaryArtery = (typeof CORONARY_ARTERIES)[number];

export function arteryOfLabel(label: number): CoronaryArtery | undefined {
  return label >= CalciumLabel.LM && label <= CalciumLabel.RCA ? CORONARY_ARTERIES[label - 1] : undefined;
}
