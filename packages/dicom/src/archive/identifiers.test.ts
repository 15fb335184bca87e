import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSeries } from '../__tests__/write-dicom';
import { parseDicom } from '../parse/parse-dicom';
import { readSeriesVolume } from '../volume/read-series-volume';
import { indexFolder } from './index-folder';
import { isValidUid } from './is-valid-uid';

const SOP_INSTANCE_UID = 0x00080018;
const fresh = () => mkdtempSync(join(tmpdir(), 'ids-'));

describe('isValidUid', () => {
  it.each([
    ['1.2.840.10008.5.1.4.1.1.2', true],
    ['2.25.' + '9'.repeat(39), true],
    ['1.2.3/../../etc/passwd', false],
    ['1.2.3\n', false],
    ['1.2..3', false],
    ['', false],
    ['1.' + '2'.repeat(63), false], // 65 characters
  ])('%j → %s', (uid, valid) => expect(isValidUid(uid)).toBe(valid));
});

describe('identifiers are validated while indexing', () => {
  it('a StudyInstanceUID with a path and a newline is INVALID_IDENTIFIER and never becomes a study', async () => {
    const dir = fresh();
    writeSeries({ dir, slices: 2, studyUid: '1.2.3/../../etc/passwd\n' });
    const index = await indexFolder(dir);
    expect(index.studies).toEqual([]);
    expect(index.unreadable.map((u) => [u.code, u.reason])).toEqual([
      [
        'INVALID_IDENTIFIER',
        'StudyInstanceUID (0020,000D) is not a valid DICOM UID (digits and dots, at most 64 characters)',
      ],
      [
        'INVALID_IDENTIFIER',
        'StudyInstanceUID (0020,000D) is not a valid DICOM UID (digits and dots, at most 64 characters)',
      ],
    ]);
  });

  it('a NUL inside PatientID no longer cuts the MRN: it is removed, with a warning that does not repeat it', async () => {
    const dir = fresh();
    const [file] = writeSeries({ dir, slices: 2, patientId: 'AB\u0000CD12' });
    const instance = parseDicom(readFileSync(file));
    expect(instance.patientId).toBe('ABCD12');
    const index = await indexFolder(dir);
    expect(index.studies[0].patientId).toBe('ABCD12');
    expect(index.studies[0].series[0].warnings).toEqual(['PatientID (0010,0020) held 1 control character(s); removed']);
    expect(JSON.stringify(index.studies[0].series[0].warnings)).not.toContain('AB');
  });
});

describe('duplicate SOPInstanceUIDs in a series', () => {
  function seriesWithDuplicate(hu: number): string[] {
    const dir = fresh();
    const files = writeSeries({ dir, slices: 3, hu: () => 40 });
    const sop = parseDicom(readFileSync(files[0])).sopInstanceUid!;
    const copy = writeSeries({
      dir,
      prefix: 'copy',
      slices: 1,
      hu: () => hu,
      extra: [[SOP_INSTANCE_UID, 'UI', sop]],
    });
    return [...files, ...copy];
  }

  it('different pixels reject the series, naming the instance, whatever the file order', async () => {
    const files = seriesWithDuplicate(500);
    for (const order of [files, [...files].reverse()]) {
      await expect(readSeriesVolume(order)).rejects.toMatchObject({
        code: 'DUPLICATE_INSTANCE',
        message: expect.stringMatching(/two files carry SOPInstanceUID 1\.2\.826\.[0-9.]+ with different pixel data/),
      });
    }
  });

  it('an identical copy is dropped with a warning', async () => {
    const { volume, warnings } = await readSeriesVolume(seriesWithDuplicate(40));
    expect(volume.dims).toEqual([8, 8, 3]);
    expect(warnings[0]).toMatch(/^Dropped an identical second copy of instance 1\.2\.826\./);
  });
});
