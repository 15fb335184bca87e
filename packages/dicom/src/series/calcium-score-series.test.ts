import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { IndexedStudy, SeriesSummary } from '../archive/types';
import { indexFolder } from '../archive/index-folder';
import { writeSeries } from '../__tests__/write-dicom';
import { readSeriesVolume } from '../volume/read-series-volume';
import { selectSeries } from './select-series';

/** A real gated calcium-score scan: 120 kVp, 3 mm, 0.39 mm pixels (200 mm FOV), 512², 50 slices, ECG-triggered. */
function gated(overrides: Partial<SeriesSummary> = {}): SeriesSummary {
  return {
    seriesInstanceUid: 'casc',
    modality: 'CT',
    seriesDescription: 'CaScSeq 3.0 B35f',
    seriesNumber: 3,
    files: [],
    sliceCount: 50,
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    transferSyntaxUids: ['1.2.840.10008.1.2.1'],
    rows: 512,
    columns: 512,
    pixelSpacing: [0.39, 0.39],
    sliceThicknessMm: 3,
    convolutionKernel: 'B35f',
    contrastBolusAgent: null,
    kvp: 120,
    manufacturer: 'SIEMENS',
    bodyPartExamined: 'HEART',
    gantryDetectorTilt: 0,
    cardiacGating: 'TriggerTime 350 ms',
    frameOfReferenceUid: '1.9',
    imageOrientationPatient: [1, 0, 0, 0, 1, 0],
    orientationConsistent: true,
    zRangeMm: 147,
    slicesWithoutPosition: 0,
    warnings: [],
    ...overrides,
  };
}

const chest = gated({
  seriesInstanceUid: 'chest',
  seriesDescription: 'Thorax 3.0 B30f',
  sliceCount: 110,
  pixelSpacing: [0.74, 0.74],
  convolutionKernel: 'B30f',
  bodyPartExamined: 'CHEST',
  cardiacGating: null,
  zRangeMm: 327,
});

function study(...series: SeriesSummary[]): IndexedStudy {
  return { studyInstanceUid: '1', patientId: 'P', studyDate: '20240101', series, unreadable: [], warnings: [] };
}

describe('ECG-gated calcium-score series', () => {
  it.each(['CaSc', 'Calcium Score', 'CaScSeq 3.0 B35f', 'Cardiac Score', 'HeartView', 'CaScore', 'CAC 3.0 mm'])(
    '"%s" alone is chosen with confidence',
    (description) => {
      const { chosen, decisions } = selectSeries(study(gated({ seriesDescription: description, cardiacGating: null })));
      expect(chosen?.seriesInstanceUid).toBe('casc');
      expect(decisions[0].lowConfidence).toBeUndefined();
      expect(decisions[0].reason).toContain(
        `ECG-gated calcium-score series, the reference acquisition (SeriesDescription "${description}")`,
      );
    },
  );

  it('is preferred to a chest series, a localizer and a contrast series of the same study', () => {
    const localizer = gated({
      seriesInstanceUid: 'scout',
      imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'],
      sliceCount: 2,
    });
    const contrast = gated({
      seriesInstanceUid: 'cta',
      seriesDescription: 'CTA 0.75 Bv36',
      contrastBolusAgent: 'IOMERON',
    });
    const { chosen, decisions } = selectSeries(study(chest, localizer, contrast, gated()));
    expect(chosen?.seriesInstanceUid).toBe('casc');
    const by = new Map(decisions.map((d) => [d.seriesInstanceUid, d]));
    expect(by.get('casc')?.reason).toMatch(/^Chosen: .*TriggerTime 350 ms/);
    expect(by.get('chest')).toMatchObject({ accepted: true, rank: 2 });
    expect(by.get('scout')?.reason).toMatch(/Localizer/);
    expect(by.get('cta')?.reason).toMatch(/Contrast agent recorded/);
  });

  it('is recognised from gating tags alone at 2.5-3 mm, but not a gated thin-slice angiogram', () => {
    const tagsOnly = gated({ seriesDescription: null, sliceThicknessMm: 2.5 });
    expect(selectSeries(study(chest, tagsOnly)).chosen?.seriesInstanceUid).toBe('casc');
    const angio = gated({ seriesDescription: 'Cor 0.6 mm 75%', sliceThicknessMm: 0.6, sliceCount: 250, zRangeMm: 150 });
    expect(selectSeries(study(chest, angio)).chosen?.seriesInstanceUid).toBe('chest');
  });

  it('does not take lung-cancer screening for calcium scoring', () => {
    const ldct = gated({ seriesDescription: 'LUNG CA SCREENING 3.0', cardiacGating: null });
    const reason = selectSeries(study(ldct)).decisions[0].reason;
    expect(reason).not.toMatch(/calcium-score/);
  });

  it('accepts the short coverage of a heart-only scan (25 × 3 mm), which a chest series may not have', () => {
    const short = gated({ sliceCount: 25, zRangeMm: 72 });
    expect(selectSeries(study(short)).chosen?.seriesInstanceUid).toBe('casc');
    const partialChest = { ...chest, sliceCount: 25, zRangeMm: 72 };
    expect(selectSeries(study(partialChest)).decisions[0].reason).toMatch(/Covers only 72 mm.*at least 80 mm/);
  });

  it('goes from files to volume: gating tags read, chosen, 512² × 40 volume at 0.39 mm without resampling', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cacscreen-casc-'));
    try {
      writeSeries({
        dir,
        prefix: 'casc',
        slices: 40,
        rows: 512,
        columns: 512,
        pixelSpacing: [0.39, 0.39],
        description: 'CaScSeq 3.0 B35f',
        kernel: 'B35f',
        seriesNumber: 3,
        seriesUid: '1.2.826.0.1.3680043.10.2.3',
        position: (k) => [-100, -100, -60 - 3 * k],
        extra: [
          [0x00181060, 'DS', 350],
          [0x00180022, 'CS', 'CARDIAC'],
        ],
      });
      const { studies } = await indexFolder(dir);
      const series = studies[0].series[0];
      expect(series.cardiacGating).toBe('TriggerTime 350 ms');
      const { chosen, decisions } = selectSeries(studies[0]);
      expect(chosen?.seriesInstanceUid).toBe('1.2.826.0.1.3680043.10.2.3');
      expect(decisions[0].reason).toMatch(/ECG-gated calcium-score series/);
      const { volume, warnings } = await readSeriesVolume(chosen!.files);
      expect(volume.dims).toEqual([512, 512, 40]);
      expect(volume.spacingMm).toEqual([0.39, 0.39, 3]);
      expect(volume.kvp).toBe(120);
      expect(warnings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
