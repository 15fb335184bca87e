import { DecodeFailedError } from '../errors';
import { parseDicom } from '../parse';
import { readFixture } from '../__tests__/fixtures';
import { decodeFrame } from './decode-frame';
import { readCodecFrameSize } from './read-codec-frame-size';
import { encapsulatedFrame } from './split-frames';

function firstFrame(file: string) {
  const instance = parseDicom(readFixture(file));
  return { instance, frame: encapsulatedFrame(instance.pixelData!, 0, instance.numberOfFrames, false) };
}

describe('readCodecFrameSize', () => {
  it.each([
    'JPEG-lossy.dcm',
    'WG04_CT2_JPLL.dcm',
    'MR_small_jpeg_ls_lossless.dcm',
    'MR_small_jp2klossless.dcm',
    'SC_rgb_jpeg_dcmtk.dcm',
  ])('%s: the frame header agrees with Rows, Columns and SamplesPerPixel', (file) => {
    const { instance, frame } = firstFrame(file);
    expect(readCodecFrameSize(frame)).toEqual({
      width: instance.columns,
      height: instance.rows,
      components: instance.samplesPerPixel,
    });
  });
});

describe('a codec frame header that disagrees with the DICOM header is refused before decoding', () => {
  /** Rewrites the SOF0/SOF1 height and width of a JPEG frame in place. */
  function claimSize(bytes: Buffer, size: number): Buffer {
    const copy = Buffer.from(bytes);
    for (let i = 0; i + 9 < copy.length; i++) {
      if (copy[i] === 0xff && (copy[i + 1] === 0xc0 || copy[i + 1] === 0xc1)) {
        copy.writeUInt16BE(size, i + 5);
        copy.writeUInt16BE(size, i + 7);
        return copy;
      }
    }
    throw new Error('no SOF marker');
  }

  it('JPEG extended header claiming 65,535 × 65,535: DECODE_FAILED at once', () => {
    const instance = parseDicom(claimSize(readFixture('JPEG-lossy.dcm'), 65535));
    const started = performance.now();
    expect(() => decodeFrame(instance)).toThrow(DecodeFailedError);
    expect(() => decodeFrame(instance)).toThrow(
      `JPEG frame header says 65535×65535×${instance.samplesPerPixel}; the DICOM header says ` +
        `${instance.columns}×${instance.rows}×${instance.samplesPerPixel}`,
    );
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('the same file with its own size still decodes', () => {
    const { instance } = firstFrame('JPEG-lossy.dcm');
    expect(decodeFrame(instance).length).toBe(instance.rows! * instance.columns! * instance.samplesPerPixel);
  });
});
