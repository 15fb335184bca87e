import { cacCategory } from '../agatston/categories';
import { computeAgatston } from '../agatston/compute-agatston';
import { CalciumLabel } from '../labels';
import { archiveStudy, archiveStudySettings } from './__tests__/archive-studies';
import { labelCalciumBaseline } from './baseline-labeller';

const isCoronary = (l: number) => l >= CalciumLabel.LM && l <= CalciumLabel.RCA;

// The 20 studies of generateArchive(dir, { studies: 20, seed: 4242 }) (the sweep e2e archive), reproduced in memory.
// Measured (scripts/eval-baseline.ts): 18/20 CAC bins right, every zero-calcium study 0, artery 90.3 % of found voxels.
describe('labelCalciumBaseline on archive seed 4242', () => {
  it('scores zero-calcium studies 0 and gets most CAC bins right', () => {
    let binsRight = 0;
    let found = 0;
    let rightArtery = 0;
    const zeroStudies: number[] = [];
    for (const s of archiveStudySettings(4242, 20)) {
      const study = archiveStudy(s);
      const predicted = labelCalciumBaseline(study.volume);
      const truth = computeAgatston(study.volume, study.labels).agatston.total;
      const measured = computeAgatston(study.volume, predicted).agatston.total;
      if (cacCategory(truth) === cacCategory(measured)) binsRight++;
      if (truth === 0) zeroStudies.push(measured);
      for (let i = 0; i < predicted.length; i++) {
        if (isCoronary(study.labels[i]) && isCoronary(predicted[i])) {
          found++;
          if (predicted[i] === study.labels[i]) rightArtery++;
        }
      }
    }
    console.log('archive 4242:', JSON.stringify({ binsRight, zeroStudies, artery: rightArtery / found }));
    expect(zeroStudies.length).toBeGreaterThan(0);
    expect(zeroStudies.every((m) => m < 1)).toBe(true);
    expect(binsRight).toBeGreaterThanOrEqual(18);
    expect(rightArtery / found).toBeGreaterThanOrEqual(0.88);
  }, 120_000);
});
