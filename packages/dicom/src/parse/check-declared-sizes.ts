import type { DataSet } from 'dicom-parser';
import { LimitExceededError, TruncatedError } from '../errors';
import type { DicomLimits } from '../limits';
import { readNumber, readUint16 } from './element-values';
import { TAG } from './tags';

const BITS_PER_BYTE = 8;
/** An undefined length (encapsulated pixel data, PS3.5 §7.1.1). */
const UNDEFINED_LENGTH = 0xffffffff;
/** Each encapsulated frame needs at least one item header (tag and length). */
const ITEM_HEADER_BYTES = 8;

/** Bytes one native frame takes: 1-bit frames are packed (PS3.5 §8.1.1), the rest use BitsAllocated per sample. */
export function nativeFrameBytes(
  rows: number,
  columns: number,
  samplesPerPixel: number,
  bitsAllocated: number,
): number {
  return Math.ceil((rows * columns * samplesPerPixel * bitsAllocated) / BITS_PER_BYTE);
}

/**
 * Checks the sizes a header announces against the limits and against the file's real length, before the header
 * fields are read (Enhanced CT geometry is read per frame) or any pixel is allocated. `fileLength` is the length
 * of the whole file even when only its first bytes were parsed. Pixel data the file cannot hold goes to
 * `onTruncated`, which throws unless the caller tolerates it (header indexing).
 */
export function checkDeclaredSizes(
  ds: DataSet,
  limits: DicomLimits,
  fileLength: number,
  onTruncated: (error: TruncatedError) => void = (error) => {
    throw error;
  },
): void {
  const rows = readUint16(ds, TAG.Rows) ?? 0;
  const columns = readUint16(ds, TAG.Columns) ?? 0;
  if (rows > limits.maxRows) {
    throw new LimitExceededError('maxRows', `Rows ${rows} exceeds the limit of ${limits.maxRows} (CACSCREEN_MAX_ROWS)`);
  }
  if (columns > limits.maxColumns) {
    throw new LimitExceededError(
      'maxColumns',
      `Columns ${columns} exceeds the limit of ${limits.maxColumns} (CACSCREEN_MAX_COLUMNS)`,
    );
  }
  const frames = Math.trunc(readNumber(ds, TAG.NumberOfFrames) ?? 1);
  if (frames > limits.maxFramesPerSeries) {
    throw new LimitExceededError(
      'maxFramesPerSeries',
      `NumberOfFrames ${frames} exceeds the limit of ${limits.maxFramesPerSeries} frames (CACSCREEN_MAX_FRAMES)`,
    );
  }
  const pixel = ds.elements[TAG.PixelData];
  if (!pixel || frames < 1) return;
  const available = Math.max(0, fileLength - pixel.dataOffset);
  if (pixel.hadUndefinedLength || pixel.length === UNDEFINED_LENGTH || pixel.encapsulatedPixelData) {
    if (frames * ITEM_HEADER_BYTES > available) {
      onTruncated(
        new TruncatedError(`NumberOfFrames ${frames} cannot fit in the ${available} bytes of pixel data in the file`),
      );
    }
    return;
  }
  const bits = readUint16(ds, TAG.BitsAllocated) ?? 0;
  const samples = readUint16(ds, TAG.SamplesPerPixel) ?? 1;
  const needed = nativeFrameBytes(rows, columns, samples, bits) * frames;
  if (needed > available) {
    onTruncated(
      new TruncatedError(
        `${frames} frame(s) of ${rows}×${columns} at ${bits} bits need ${needed} bytes of pixel data; ` +
          `the file holds ${available}`,
      ),
    );
  }
}
