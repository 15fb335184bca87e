import { NotDicomError, TruncatedError } from '../errors';
import { readFixture } from '../__tests__/fixtures';
import { parseDicom } from './parse-dicom';

describe('parseDicom', () => {
  it('reads typed header fields', () => {
    const ct = parseDicom(readFixture('CT_small.dcm'));
    expect(ct).toMatchObject({
      modality: 'CT',
      rows: 128,
      columns: 128,
      bitsAllocated: 16,
      bitsStored: 16,
      pixelRepresentation: 1,
      rescaleSlope: 1,
      rescaleIntercept: -1024,
      transferSyntaxUid: '1.2.840.10008.1.2.1',
      numberOfFrames: 1,
      hasPixelData: true,
    });
    expect(ct.imagePositionPatient).toHaveLength(3);
    expect(ct.imageOrientationPatient).toHaveLength(6);
    expect(ct.pixelSpacing).toHaveLength(2);
    expect(ct.imageType.length).toBeGreaterThan(0);
    expect(ct.studyInstanceUid).toMatch(/^[0-9.]+$/);
  });

  it('headers-only keeps no pixel bytes but knows pixel data exists', () => {
    const ct = parseDicom(readFixture('CT_small.dcm'), { headersOnly: true });
    expect(ct.pixelData).toBeUndefined();
    expect(ct.hasPixelData).toBe(true);
    expect(ct.rows).toBe(128);
  });

  it.each([
    ['ExplVR_LitEndNoMeta.dcm', '1.2.840.10008.1.2.1'],
    ['ExplVR_BigEndNoMeta.dcm', '1.2.840.10008.1.2.2'],
  ])('parses %s (no preamble, no file meta), inferring %s', (file, uid) => {
    const instance = parseDicom(readFixture(file));
    expect(instance.transferSyntaxUid).toBe(uid);
    expect(instance.modality).toBe('RTPLAN');
    expect(instance.warnings.join(' ')).toMatch(/No preamble\/file meta/);
  });

  it('rejects bytes that are not DICOM with NOT_DICOM', () => {
    const text = Buffer.from('This is a radiology report, not an image. '.repeat(10));
    expect(() => parseDicom(text)).toThrow(NotDicomError);
    expect(() => parseDicom(text)).toThrow(/do not look like a DICOM element/);
    expect(() => parseDicom(new Uint8Array(3))).toThrow(/too short/);
  });

  it('rejects a file cut in the middle with TRUNCATED', () => {
    const whole = readFixture('CT_small.dcm');
    expect(() => parseDicom(whole.subarray(0, 600))).toThrow(TruncatedError);
  });
});
