import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TAGS, writeSeries } from '../__tests__/write-dicom';
import { selectSeries } from '../series';
import { readSeriesVolume } from '../volume/read-series-volume';
import { deriveUid } from './derive-uids';
import { FolderArchiveSource } from './folder-archive-source';
import { indexFolder } from './index-folder';

const NO_UIDS = [TAGS.StudyInstanceUID, TAGS.SeriesInstanceUID, TAGS.FrameOfReferenceUID];
const DERIVED_UID = /^2\.25\.\d{1,39}$/;

describe('missing UIDs (de-identified copies)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cacscreen-uids-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('derives 2.25 UIDs from content, the same in any folder and on every run, and says so', async () => {
    for (const dir of ['a', 'b/elsewhere']) writeSeries({ dir: join(root, dir), slices: 30, omit: NO_UIDS });
    const first = await indexFolder(join(root, 'a'));
    const again = await indexFolder(join(root, 'a'));
    const moved = await indexFolder(join(root, 'b/elsewhere'));
    expect(first.unreadable).toEqual([]);
    expect(first.studies).toHaveLength(1);
    const [study] = first.studies;
    expect(study.studyInstanceUid).toMatch(DERIVED_UID);
    expect(study.series).toHaveLength(1);
    const [series] = study.series;
    expect(series.seriesInstanceUid).toMatch(DERIVED_UID);
    expect(series.frameOfReferenceUid).toMatch(DERIVED_UID);
    expect(series.sliceCount).toBe(30);
    for (const other of [again, moved]) {
      expect(other.studies[0].studyInstanceUid).toBe(study.studyInstanceUid);
      expect(other.studies[0].series[0].seriesInstanceUid).toBe(series.seriesInstanceUid);
      expect(other.studies[0].series[0].frameOfReferenceUid).toBe(series.frameOfReferenceUid);
    }
    expect(study.warnings).toEqual([
      `StudyInstanceUID (0020,000D) missing in 30 file(s) of this study: derived ${study.studyInstanceUid} from ` +
        'PatientID, StudyDate, StudyTime, AccessionNumber',
    ]);
    expect(series.warnings).toEqual([
      expect.stringMatching(
        /^SeriesInstanceUID \(0020,000E\) missing in 30 file\(s\) of this series: derived 2\.25\.\d+ from StudyInstanceUID, Modality, SeriesNumber, SeriesDescription, ImageType, ImageOrientationPatient, Rows, Columns, PixelSpacing, SliceThickness, ConvolutionKernel$/,
      ),
      expect.stringMatching(/^FrameOfReferenceUID \(0020,0052\) missing in 30 file\(s\): derived 2\.25\.\d+/),
    ]);
  });

  it('keeps different studies apart: another patient, date or accession gives another study UID', async () => {
    writeSeries({ dir: join(root, 'p1'), slices: 3, omit: NO_UIDS });
    writeSeries({ dir: join(root, 'p2'), slices: 3, omit: NO_UIDS, patientId: 'PAT2' });
    writeSeries({ dir: join(root, 'p1-later'), slices: 3, omit: NO_UIDS, studyDate: '20250102', accession: 'ACC2' });
    const { studies } = await indexFolder(root);
    expect(studies).toHaveLength(3);
    expect(new Set(studies.map((s) => s.studyInstanceUid)).size).toBe(3);
    expect(studies.every((s) => s.series.length === 1 && s.series[0].sliceCount === 3)).toBe(true);
  });

  it('groups files without SeriesInstanceUID by series number, description, geometry and orientation', async () => {
    const omit = [TAGS.SeriesInstanceUID];
    writeSeries({ dir: root, prefix: 'chest', slices: 30, omit, seriesNumber: 2 });
    writeSeries({
      dir: root,
      prefix: 'thin',
      slices: 40,
      omit,
      seriesNumber: 3,
      thickness: 1,
      description: 'CHEST 1 mm',
    });
    // Same series number and description as the chest series, but sagittal: another series.
    writeSeries({ dir: root, prefix: 'sag', slices: 5, omit, seriesNumber: 2, orientation: [0, 1, 0, 0, 0, -1] });
    const { studies } = await indexFolder(root);
    expect(studies).toHaveLength(1);
    expect(studies[0].studyInstanceUid).toBe('1.2.826.0.1.3680043.10.2');
    expect(studies[0].warnings).toEqual([]);
    const counts = studies[0].series.map((s) => s.sliceCount).sort((a, b) => a - b);
    expect(counts).toEqual([5, 30, 40]);
    expect(studies[0].series.every((s) => DERIVED_UID.test(s.seriesInstanceUid))).toBe(true);
    expect(studies[0].series.every((s) => s.frameOfReferenceUid === '1.2.826.0.1.3680043.10.2.9')).toBe(true);
  });

  it('leaves a non-image file without UIDs (DICOMDIR, report) unreadable', async () => {
    writeSeries({ dir: root, slices: 1, omit: [...NO_UIDS, 0x00280010, 0x00280011] });
    const index = await indexFolder(root);
    expect(index.studies).toEqual([]);
    expect(index.unreadable).toEqual([
      expect.objectContaining({ code: 'MISSING_TAG', reason: expect.stringMatching(/without StudyInstanceUID/) }),
    ]);
  });

  it('sweeps such a study: the folder source pages, selects, fetches and reads it by its derived UIDs', async () => {
    writeSeries({ dir: root, slices: 30, omit: NO_UIDS, hu: (x, y, k) => x + 10 * y + 100 * k });
    const source = new FolderArchiveSource(root);
    const page = await source.listStudies(null, 10);
    expect(page.studies).toEqual([
      { studyInstanceUid: expect.stringMatching(DERIVED_UID), patientId: 'PAT1', studyDate: '20240102' },
    ]);
    const study = await source.getStudy(page.studies[0].studyInstanceUid);
    const { chosen } = selectSeries(study);
    expect(chosen).not.toBeNull();
    const files = await source.fetchSeries(study.studyInstanceUid, chosen!.seriesInstanceUid);
    const { volume } = await readSeriesVolume(files);
    expect(volume.dims).toEqual([8, 8, 30]);
    expect(volume.hu[3 + 8 * 2 + 64 * 7]).toBe(3 + 20 + 700);
  });
});

describe('deriveUid', () => {
  it('is a valid UID of at most 64 characters that changes with any value', () => {
    const a = deriveUid('study', { PatientID: 'X', StudyDate: '20240101' });
    expect(a.uid).toMatch(DERIVED_UID);
    expect(a.uid.length).toBeLessThanOrEqual(64);
    expect(a.from).toEqual(['PatientID', 'StudyDate']);
    expect(deriveUid('study', { PatientID: 'X', StudyDate: '20240101' }).uid).toBe(a.uid);
    expect(deriveUid('study', { PatientID: 'X', StudyDate: '20240102' }).uid).not.toBe(a.uid);
    expect(deriveUid('series', { PatientID: 'X', StudyDate: '20240101' }).uid).not.toBe(a.uid);
  });
});
