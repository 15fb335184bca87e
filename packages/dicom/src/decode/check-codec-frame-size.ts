import { DecodeFailedError } from '../errors';
import type { PixelFormat } from './pixel-format';
import { readCodecFrameSize } from './read-codec-frame-size';

/**
 * A codec allocates what its own frame header says: a JPEG header claiming 65,535² would take minutes and gigabytes
 * before failing. The frame header must agree with Rows, Columns and SamplesPerPixel before the codec runs.
 */
export function checkCodecFrameSize(frame: Uint8Array, format: PixelFormat, codec: string): void {
  const size = readCodecFrameSize(frame);
  if (!size) throw new DecodeFailedError(`${codec} frame has no readable frame header (SOF or SIZ)`);
  if (size.width !== format.columns || size.height !== format.rows || size.components !== format.samplesPerPixel) {
    throw new DecodeFailedError(
      `${codec} frame header says ${size.width}×${size.height}×${size.components}; the DICOM header says ` +
        `${format.columns}×${format.rows}×${format.samplesPerPixel}`,
    );
  }
}
