import type { IndexedStudy, SeriesSummary } from '../archive/types';
import { selectSeries } from './select-series';

function series(overrides: Partial<SeriesSummary>): SeriesSummary {
  return {
    seriesInstanceUid: '1.1',
    modality: 'CT',
    seriesDescription: null,
    seriesNumber: 1,
    files: [],
    sliceCount: 100,
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    transferSyntaxUids: ['1.2.840.10008.1.2.1'],
    rows: 512,
    columns: 512,
    pixelSpacing: [0.7, 0.7],
    sliceThicknessMm: 3,
    convolutionKernel: 'B30f',
    contrastBolusAgent: null,
    kvp: 120,
    manufacturer: null,
    bodyPartExamined: 'CHEST',
    gantryDetectorTilt: 0,
    cardiacGating: null,
    frameOfReferenceUid: '1.1.9',
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    orientationConsistent: true,
    zRangeMm: 297,
    slicesWithoutPosition: 0,
    warnings: [],
    ...overrides,
  };
}

function study(...s: SeriesSummary[]): IndexedStudy {
  return { studyInstanceUid: '1', patientId: 'P', studyDate: '20240101', series: s, unreadable: [], warnings: [] };
}

describe('selectSeries', () => {
  it('chooses the soft-kernel 3 mm series over a sharp-kernel one and explains both', () => {
    const soft = series({ seriesInstanceUid: 'soft' });
    const sharp = series({ seriesInstanceUid: 'sharp', convolutionKernel: 'B70f' });
    const { chosen, decisions } = selectSeries(study(sharp, soft));
    expect(chosen?.seriesInstanceUid).toBe('soft');
    expect(decisions).toEqual([
      {
        seriesInstanceUid: 'sharp',
        accepted: true,
        lowConfidence: true,
        rank: 2,
        reason:
          'Eligible, ranked 2 of 2: Non-contrast axial CT, 3 mm slices, 100 slices over 297 mm, kernel B70f (sharp); ' +
          'low confidence: sharp kernel B70f adds noise above 130 HU, which can overstate the score',
      },
      {
        seriesInstanceUid: 'soft',
        accepted: true,
        rank: 1,
        reason: 'Chosen: Non-contrast axial CT, 3 mm slices, 100 slices over 297 mm, kernel B30f (soft)',
      },
    ]);
  });

  it('accepts 3-10 mm slices with low confidence and a stated reason, rejects thicker', () => {
    const eight = selectSeries(study(series({ sliceThicknessMm: 8, sliceCount: 38 })));
    expect(eight.chosen).not.toBeNull();
    expect(eight.decisions[0].lowConfidence).toBe(true);
    expect(eight.decisions[0].reason).toMatch(/slices are 8 mm thick \(Agatston is defined on 3 mm slices\)/);
    const twelve = selectSeries(study(series({ sliceThicknessMm: 12 })));
    expect(twelve.chosen).toBeNull();
    expect(twelve.decisions[0]).toEqual({
      seriesInstanceUid: '1.1',
      accepted: false,
      reason: 'Slices are 12 mm thick, more than 10 mm: small calcifications are averaged away',
    });
    expect(selectSeries(study(series({ sliceThicknessMm: 12 })), { maxThicknessMm: 15 }).chosen).not.toBeNull();
  });

  it.each<[string, Partial<SeriesSummary>, RegExp]>([
    ['MR', { modality: 'MR' }, /^Modality is MR, not CT$/],
    ['localizer', { imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'] }, /Localizer \(scout\)/],
    ['secondary', { imageType: ['DERIVED', 'SECONDARY', 'AXIAL'] }, /derived or secondary images/],
    ['a MIP', { imageType: ['DERIVED', 'PRIMARY', 'MIP'] }, /derived or secondary images/],
    [
      'coronal',
      { imageOrientationPatient: [1, 0, 0, 0, 0, -1] },
      /^Slices are 90° from the axial plane: not an axial series \(coronal reconstruction\)$/,
    ],
    [
      'sagittal',
      { imageOrientationPatient: [0, 1, 0, 0, 0, -1] },
      /^Slices are 90° from the axial plane: not an axial series \(sagittal reconstruction\)$/,
    ],
    ['contrast', { contrastBolusAgent: 'IOMERON 350' }, /Contrast agent recorded \(ContrastBolusAgent "IOMERON 350"\)/],
    ['few slices', { sliceCount: 12 }, /Only 12 slices; at least 20/],
    ['short coverage', { zRangeMm: 45 }, /Covers only 45 mm along the body axis; at least 80 mm/],
    ['mixed orientation', { orientationConsistent: false }, /different orientations/],
    [
      'zero orientation vectors',
      { imageOrientationPatient: [0, 0, 0, 0, 0, 0] },
      /not two unit vectors at right angles/,
    ],
    ['skewed orientation vectors', { imageOrientationPatient: [1, 0, 0, 0.7, 0.7, 0] }, /not two unit vectors/],
    ['slices without a position', { slicesWithoutPosition: 100 }, /100 of 100 slices have no ImagePositionPatient/],
  ])('rejects %s with a readable reason', (_name, overrides, reason) => {
    const { chosen, decisions } = selectSeries(study(series(overrides)));
    expect(chosen).toBeNull();
    expect(decisions[0].accepted).toBe(false);
    expect(decisions[0].reason).toMatch(reason);
    expect(decisions[0].rank).toBeUndefined();
  });

  it('prefers 3 mm over 1 mm and over 5 mm, then wider coverage', () => {
    const one = series({ seriesInstanceUid: 'a', sliceThicknessMm: 1, sliceCount: 300 });
    const three = series({ seriesInstanceUid: 'b' });
    const five = series({ seriesInstanceUid: 'c', sliceThicknessMm: 5 });
    expect(selectSeries(study(one, five, three)).chosen?.seriesInstanceUid).toBe('b');
    expect(selectSeries(study(one, five)).chosen?.seriesInstanceUid).toBe('a');
  });

  it('accepts a DERIVED\\PRIMARY axial reconstruction (as Canon labels calcium-scoring series) unless configured not to', () => {
    const mpr = series({ imageType: ['DERIVED', 'PRIMARY', 'MPR'] });
    const accepted = selectSeries(study(mpr));
    expect(accepted.chosen).not.toBeNull();
    expect(accepted.decisions[0].reason).toMatch(
      /an axial reconstruction derived from the primary acquisition \(accepted\)/,
    );
    expect(selectSeries(study(mpr), { acceptDerivedAxial: false }).chosen).toBeNull();
  });

  it('can refuse sharp kernels altogether', () => {
    const result = selectSeries(study(series({ convolutionKernel: 'LUNG' })), { allowSharpKernel: false });
    expect(result.chosen).toBeNull();
    expect(result.decisions[0].reason).toBe('Sharp reconstruction kernel LUNG: image noise inflates calcium scores');
  });
});
