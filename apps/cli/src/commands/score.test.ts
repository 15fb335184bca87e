import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TAGS, writeSeries } from '../../../../packages/dicom/src/__tests__/write-dicom';
import { scoreStudyFolder } from './score';

/** 30 slices of 3 mm, water, with a 400 HU block (an insert) in slices 10-14; patient origin at the first voxel. */
function writeInsert(dir: string, extra: Partial<Parameters<typeof writeSeries>[0]> = {}) {
  writeSeries({
    dir,
    slices: 30,
    rows: 32,
    columns: 32,
    pixelSpacing: [1, 1],
    hu: (x, y, k) => (x >= 12 && x < 20 && y >= 12 && y < 20 && k >= 10 && k < 15 ? 400 : 0),
    ...extra,
  });
}

const ROI = [{ name: 'insert', centerMm: [15.5, 15.5, 36] as [number, number, number], radiusMm: 12 }];

describe('cacscreen score --json', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cacscreen-score-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scores a de-identified study without Study/Series/FrameOfReference UIDs, naming what it derived', async () => {
    writeInsert(dir, { omit: [TAGS.StudyInstanceUID, TAGS.SeriesInstanceUID, TAGS.FrameOfReferenceUID] });
    const output = await scoreStudyFolder(dir, { labeller: null, rois: ROI });
    expect(output.status).toBe('scored');
    expect(output.studyInstanceUid).toMatch(/^2\.25\.\d+$/);
    expect(output.seriesInstanceUid).toMatch(/^2\.25\.\d+$/);
    expect(output.warnings).toEqual([
      expect.stringMatching(/^StudyInstanceUID \(0020,000D\) missing in 30 file\(s\) of this study: derived 2\.25\./),
      expect.stringMatching(/^SeriesInstanceUID \(0020,000E\) missing in 30 file\(s\) of this series: derived 2\.25\./),
      expect.stringMatching(/^FrameOfReferenceUID \(0020,0052\) missing in 30 file\(s\): derived 2\.25\./),
    ]);
    expect(output.rois?.insert.volumeMm3).toBeGreaterThan(0);
    const again = await scoreStudyFolder(dir, { labeller: null, rois: ROI });
    expect([again.studyInstanceUid, again.seriesInstanceUid]).toEqual([
      output.studyInstanceUid,
      output.seriesInstanceUid,
    ]);
  });

  it('rejects a sagittal series with the typed reason', async () => {
    writeInsert(dir, { orientation: [0, 1, 0, 0, 0, -1], position: (k) => [3 * k, 0, 0] });
    const output = await scoreStudyFolder(dir, { labeller: null, rois: ROI });
    expect(output.status).toBe('rejected');
    expect(output.reason).toMatch(/not an axial series \(sagittal reconstruction\)/);
  });

  it('resamples a gantry-tilted series and reports it in warnings', async () => {
    const t = (15 * Math.PI) / 180;
    writeInsert(dir, { orientation: [1, 0, 0, 0, Math.cos(t), -Math.sin(t)], extra: [[0x00181120, 'DS', 15]] });
    const output = await scoreStudyFolder(dir, { labeller: null, rois: [{ ...ROI[0], radiusMm: 20 }] });
    expect(output.status).toBe('scored');
    expect(output.warnings).toContainEqual(expect.stringMatching(/^Resampled \(trilinear\) onto an axial grid/));
    expect(output.warnings).toContain(
      'Gantry/detector tilt 15° (0018,1120): slices are not perpendicular to the table axis',
    );
    expect(output.rois?.insert.volumeMm3).toBeGreaterThan(0);
  });
});
