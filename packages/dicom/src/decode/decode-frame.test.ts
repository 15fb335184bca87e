import { DecodeFailedError, DicomError, InvalidValueError, MissingTagError, TruncatedError } from '../errors';
import { parseDicom } from '../parse';
import { fingerprint } from '../__tests__/fingerprint';
import { readFixture } from '../__tests__/fixtures';
import { decodeFrame } from './decode-frame';
import { decodeJpegLossy } from './decode-jpeg-dct';
import { decodeRle } from './decode-rle';

const jpegFormat = {
  rows: 1,
  columns: 1,
  samplesPerPixel: 1,
  bitsAllocated: 8,
  bitsStored: 8,
  signed: false,
  planarConfiguration: 0,
};

/** Reference fingerprints from shared/data/oracles/parser_expectations.csv (pydicom / GDCM decodes). */
const MR_SMALL = { min: 127n, max: 2145n, sum: 2125338n, md5: '7ac746481fc366a3a8e133dec233779c' };

describe('decodeFrame on fixtures', () => {
  it.each([
    ['MR_small.dcm', 'explicit VR little endian'],
    ['MR_small_implicit.dcm', 'implicit VR little endian'],
    ['MR_small_bigendian.dcm', 'explicit VR big endian'],
    ['MR_small_RLE.dcm', 'RLE lossless'],
    ['MR_small_jpeg_ls_lossless.dcm', 'JPEG-LS lossless'],
    ['MR_small_jp2klossless.dcm', 'JPEG 2000 lossless'],
  ])('%s (%s) decodes to the reference pixels', (file) => {
    const pixels = decodeFrame(parseDicom(readFixture(file)), 0);
    expect(pixels).toBeInstanceOf(Int16Array);
    expect(fingerprint([pixels])).toEqual(MR_SMALL);
  });

  it('CT_small.dcm decodes to the reference pixels', () => {
    const pixels = decodeFrame(parseDicom(readFixture('CT_small.dcm')));
    expect(fingerprint([pixels])).toEqual({
      min: 128n,
      max: 2191n,
      sum: 14826310n,
      md5: '81b239d6336ac4329c6052939ac9bee8',
    });
  });

  it('deflated explicit VR little endian (image_dfl.dcm) inflates and decodes', () => {
    const pixels = decodeFrame(parseDicom(readFixture('image_dfl.dcm')));
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(fingerprint([pixels]).md5).toBe('0a9ae905c32a2739ea4b5362a02c48f0');
  });

  it('JPEG extended 12-bit (JPEG-lossy.dcm) matches the reference decode exactly', () => {
    const pixels = decodeFrame(parseDicom(readFixture('JPEG-lossy.dcm')));
    expect(pixels).toBeInstanceOf(Uint16Array);
    expect(fingerprint([pixels])).toEqual({
      min: 0n,
      max: 264n,
      sum: 3767007n,
      md5: '877a86e40135371860b265e7c720360d',
    });
  });

  it('JPEG baseline colour (SC_rgb_jpeg_dcmtk.dcm) decodes to the reference RGB exactly', () => {
    const pixels = decodeFrame(parseDicom(readFixture('SC_rgb_jpeg_dcmtk.dcm')));
    expect(pixels).toBeInstanceOf(Uint8Array);
    expect(fingerprint([pixels])).toEqual({
      min: 0n,
      max: 255n,
      sum: 3832000n,
      md5: '295db200828dd149384de8fa12fd97a4',
    });
  });

  it('refuses a progressive JPEG codestream with DECODE_FAILED', () => {
    // SOI, then an SOF2 (progressive) header for a 1x1 8-bit image.
    const frame = new Uint8Array([0xff, 0xd8, 0xff, 0xc2, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xd9]);
    expect(() => decodeJpegLossy(frame, jpegFormat)).toThrow(/SOF2 .*not a sequential Huffman process/);
  });

  it('JPEG lossless WG04 CT2 is pixel-exact, including the last pixel the bare library gets wrong', () => {
    const pixels = decodeFrame(parseDicom(readFixture('WG04_CT2_JPLL.dcm')));
    expect(pixels[pixels.length - 1]).toBe(-2048);
    expect(fingerprint([pixels])).toEqual({
      min: -2048n,
      max: 1433n,
      sum: -197733355n,
      md5: 'd1a00504713a70fd45126cdbe9507698',
    });
  });

  it('refuses a truncated file with TRUNCATED rather than zero-filling', () => {
    const error = captureError(() => decodeFrame(parseDicom(readFixture('MR_truncated.dcm'))));
    expect(error).toBeInstanceOf(TruncatedError);
    expect((error as DicomError).code).toBe('TRUNCATED');
    expect((error as DicomError).message).toMatch(/file ends in the middle of an element/);
  });

  it('refuses a headers-only instance with a message saying what to do', () => {
    const instance = parseDicom(readFixture('MR_small.dcm'), { headersOnly: true });
    expect(() => decodeFrame(instance)).toThrow(InvalidValueError);
    expect(() => decodeFrame(instance)).toThrow(/headersOnly; parse it again with pixels/);
  });

  it('names the missing attribute when Rows is absent', () => {
    const instance = { ...parseDicom(readFixture('MR_small.dcm')), rows: undefined };
    const error = captureError(() => decodeFrame(instance));
    expect(error).toBeInstanceOf(MissingTagError);
    expect((error as Error).message).toBe('Required attribute Rows (0028,0010) is missing or empty for pixel decoding');
  });

  it('refuses native-looking pixel data under a transfer syntax nobody knows, instead of guessing', () => {
    const instance = { ...parseDicom(readFixture('MR_small.dcm')), transferSyntaxUid: '1.2.3.4.5.6' };
    expect(() => decodeFrame(instance, 0)).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_TRANSFER_SYNTAX',
        message: expect.stringMatching(/1\.2\.3\.4\.5\.6/),
      }),
    );
  });

  it('rejects a frame index out of range', () => {
    expect(() => decodeFrame(parseDicom(readFixture('MR_small.dcm')), 1)).toThrow(
      /Frame 1 does not exist: the image has 1 frame/,
    );
  });
});

describe('decodeRle (PS3.5 Annex G)', () => {
  const format = {
    rows: 1,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    signed: true,
    planarConfiguration: 0,
  };

  function rleFrame(segments: number[][]): Uint8Array {
    const header = new DataView(new ArrayBuffer(64));
    header.setUint32(0, segments.length, true);
    let offset = 64;
    segments.forEach((s, i) => {
      header.setUint32(4 * (i + 1), offset, true);
      offset += s.length;
    });
    return new Uint8Array([...new Uint8Array(header.buffer), ...segments.flat()]);
  }

  it('reassembles high and low byte planes into signed 16-bit samples', () => {
    // High bytes: literal run of 4 (n = 3); low bytes: replicate 0x10 four times (n = -3).
    const frame = rleFrame([
      [3, 0xff, 0x00, 0x01, 0xfc],
      [0xfd, 0x10],
    ]);
    expect(Array.from(decodeRle(frame, format))).toEqual([-240, 16, 272, -1008]);
  });

  it('fails with DECODE_FAILED when a segment is short', () => {
    const frame = rleFrame([
      [1, 0xff, 0x00],
      [0xfd, 0x10],
    ]);
    expect(() => decodeRle(frame, format)).toThrow(DecodeFailedError);
    expect(() => decodeRle(frame, format)).toThrow(/RLE segment 0 decodes to 2 bytes, expected 4/);
  });

  it('fails when the segment count does not fit the pixel format', () => {
    expect(() => decodeRle(rleFrame([[0xfd, 0x10]]), format)).toThrow(/1 segments; 2 expected/);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
