import type { DicomInstance } from '../parse/dicom-instance';
import { isKnownTransferSyntax } from '../parse/transfer-syntaxes';
import { decodeFrame } from './decode-frame';
import { type PixelArray, type PixelFormat, applyBitsStored } from './pixel-format';

/** A native 16-bit greyscale frame as its raw words (BitsStored not yet applied): the volume maps them by table. */
export interface NativeFrameWords {
  words: Uint16Array;
  format: PixelFormat;
  /** Big endian data read as this (little-endian) host reads it: each word's two bytes are the other way round. */
  byteSwapped: boolean;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const WORD_BYTES = 2;

/**
 * The words of frame `frameIndex` of native 16-bit greyscale pixel data (most CT), as a view on the
 * file's bytes: no copy when the frame starts at an even address (an odd one is copied). Undefined whenever the
 * frame is anything else or anything is off (missing attributes, truncation, a bad index): decodeFrame then decodes
 * it, or throws its usual error.
 */
export function nativeFrameWords(instance: DicomInstance, frameIndex: number): NativeFrameWords | undefined {
  const pixelData = instance.pixelData;
  const { rows, columns, bitsAllocated } = instance;
  if (!HOST_LITTLE_ENDIAN || !instance.hasPixelData || !pixelData || pixelData.encapsulated) return undefined;
  if (!isKnownTransferSyntax(instance.transferSyntaxUid)) return undefined;
  if (bitsAllocated !== 16 || instance.samplesPerPixel !== 1 || !rows || !columns || rows <= 0 || columns <= 0) {
    return undefined;
  }
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= instance.numberOfFrames) return undefined;
  const count = rows * columns;
  const start = pixelData.offset + frameIndex * count * WORD_BYTES;
  const end = start + count * WORD_BYTES;
  if (end > pixelData.offset + pixelData.length || end > pixelData.bytes.length) return undefined;
  const bitsStored = Math.min(instance.bitsStored ?? bitsAllocated, bitsAllocated);
  const format: PixelFormat = {
    rows,
    columns,
    samplesPerPixel: 1,
    bitsAllocated,
    bitsStored: bitsStored > 0 ? bitsStored : bitsAllocated,
    signed: instance.pixelRepresentation === 1,
    planarConfiguration: instance.planarConfiguration,
  };
  const bytes = pixelData.bytes;
  const at = bytes.byteOffset + start;
  const words =
    at % WORD_BYTES === 0
      ? new Uint16Array(bytes.buffer, at, count)
      : new Uint16Array(Uint8Array.prototype.slice.call(bytes, start, end).buffer, 0, count); // a copy, even of a Buffer
  return { words, format, byteSwapped: !instance.transferSyntax.littleEndian };
}

/** The stored values of native words (a copy with BitsStored applied), as decodeFrame would give them. */
export function storedValues({ words, format, byteSwapped }: NativeFrameWords): PixelArray {
  const values = format.signed ? new Int16Array(words) : new Uint16Array(words);
  if (byteSwapped) for (let i = 0; i < values.length; i++) values[i] = swapBytes(values[i] & 0xffff);
  return applyBitsStored(values, format);
}

export function swapBytes(word: number): number {
  return ((word & 0xff) << 8) | (word >>> 8);
}

/** What a volume needs of one frame: native 16-bit words as they lie in the file, else decodeFrame's values. */
export function loadFrame(instance: DicomInstance, frameIndex: number): PixelArray | NativeFrameWords {
  return nativeFrameWords(instance, frameIndex) ?? decodeFrame(instance, frameIndex);
}
