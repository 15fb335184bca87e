import { lesionAgreement } from '../lesion-agreement';

describe('lesionAgreement', () => {
  const dims: [number, number, number] = [10, 10, 3];
  const at = (x: number, y: number, z: number) => z * 100 + y * 10 + x;

  it('counts found lesions, right arteries and false-positive components', () => {
    const truth = new Uint8Array(300);
    const predicted = new Uint8Array(300);
    // Lesion A (LAD, 2 voxels, diagonal neighbours across slices): found, right artery.
    truth[at(1, 1, 0)] = truth[at(2, 2, 1)] = 2;
    predicted[at(1, 1, 0)] = predicted[at(2, 2, 1)] = 2;
    // Lesion B (RCA): found but called LCX.
    truth[at(7, 7, 2)] = 4;
    predicted[at(7, 7, 2)] = 3;
    // Lesion C (LM): missed (predicted "other calcium").
    truth[at(5, 1, 0)] = 1;
    predicted[at(5, 1, 0)] = 5;
    // A predicted lesion where there is none, and a truth "other calcium" voxel predicted coronary.
    predicted[at(9, 0, 0)] = 2;
    truth[at(0, 9, 2)] = 5;
    predicted[at(0, 9, 2)] = 1;
    expect(lesionAgreement(truth, predicted, dims)).toEqual({
      truthLesions: 3,
      found: 2,
      arteryRight: 1,
      predictedLesions: 4,
      predictedTrue: 2,
    });
  });
});

describe('lesionAgreement with a minimum area', () => {
  it('ignores specks below the minimum pixels per slice, true and predicted alike', () => {
    const dims: [number, number, number] = [10, 10, 2];
    const truth = new Uint8Array(200);
    const predicted = new Uint8Array(200);
    truth[11] = truth[12] = 2; // two pixels on slice 0: scorable with a 2-pixel minimum
    predicted[11] = predicted[12] = 2;
    truth[155] = 3; // single-pixel true speck on slice 1
    predicted[18] = 4; // single-pixel predicted speck
    expect(lesionAgreement(truth, predicted, dims, undefined, 2)).toEqual({
      truthLesions: 1,
      found: 1,
      arteryRight: 1,
      predictedLesions: 1,
      predictedTrue: 1,
    });
  });
});
