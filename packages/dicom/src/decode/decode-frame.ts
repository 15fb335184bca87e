import { inflateRawSync } from 'zlib';
import type { DicomInstance } from '../parse/dicom-instance';
import { TAG, formatTag } from '../parse/tags';
import { isKnownTransferSyntax } from '../parse/transfer-syntaxes';
import {
  DecodeFailedError,
  InvalidValueError,
  MissingTagError,
  TruncatedError,
  UnsupportedTransferSyntaxError,
} from '../errors';
import { checkCodecFrameSize } from './check-codec-frame-size';
import { charls, openjpeg } from './codecs';
import { decodeJpegLossy } from './decode-jpeg-dct';
import { decodeJpegLossless } from './decode-jpeg-lossless';
import { decodeRle } from './decode-rle';
import { decodeWasmFrame } from './decode-wasm-frame';
import { type PixelArray, pixelFormatOf } from './pixel-format';
import { frameByteLength, readSamples } from './read-samples';
import { encapsulatedFrame } from './split-frames';

/** Largest inflated frame accepted from Deflated Image Frame Compression: guards against deflate bombs. */
const MAX_FRAME_INFLATE_FACTOR = 4;
const BYTE_BITS = 8;
/** JPEG Baseline (Process 1) and JPEG Extended (Processes 2 and 4): sequential DCT, Huffman coded. */
const LOSSY_JPEG_SYNTAXES = ['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'];

/**
 * Decodes frame `frameIndex` (0-based) to stored values: one element per sample, colour interleaved, typed by
 * BitsAllocated and PixelRepresentation, BitsStored applied. No rescale: see buildVolume for HU.
 */
export function decodeFrame(instance: DicomInstance, frameIndex = 0): PixelArray {
  if (!instance.hasPixelData) throw new MissingTagError(formatTag(TAG.PixelData), 'PixelData');
  const pixelData = instance.pixelData;
  if (!pixelData) {
    throw new InvalidValueError('Instance was parsed with headersOnly; parse it again with pixels to decode a frame');
  }
  const format = pixelFormatOf(instance);
  if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= instance.numberOfFrames) {
    throw new InvalidValueError(
      `Frame ${frameIndex} does not exist: the image has ${instance.numberOfFrames} frame(s)`,
    );
  }
  const syntax = instance.transferSyntax;
  // Native-looking pixel data under a syntax nobody knows could be anything: never guess.
  if (!isKnownTransferSyntax(instance.transferSyntaxUid)) {
    throw new UnsupportedTransferSyntaxError(
      instance.transferSyntaxUid,
      'unknown transfer syntax: how its pixels are encoded cannot be known',
    );
  }
  if (!pixelData.encapsulated) {
    if (pixelData.truncated && pixelData.offset + frameByteLength(format) * (frameIndex + 1) > pixelData.bytes.length) {
      throw new TruncatedError(
        `Pixel data declares ${pixelData.length} bytes but the file ends ${pixelData.offset + pixelData.length - pixelData.bytes.length} bytes early`,
      );
    }
    if (!syntax.littleEndian && format.bitsAllocated === BYTE_BITS && pixelData.vr === 'OW') {
      // OW is a stream of 16-bit words: in big endian each pair of 8-bit samples arrives swapped (PS3.5 §8.1.1).
      const swapped = swapWordBytes(pixelData.bytes.subarray(pixelData.offset, pixelData.offset + pixelData.length));
      return readSamples(swapped, 0, swapped.length, frameIndex, format, false);
    }
    return readSamples(pixelData.bytes, pixelData.offset, pixelData.length, frameIndex, format, syntax.littleEndian);
  }
  const frame = encapsulatedFrame(pixelData, frameIndex, instance.numberOfFrames, syntax.codec === 'rle');
  switch (syntax.codec) {
    case 'rle':
      return decodeRle(frame, format);
    case 'jpeg-lossless':
      checkCodecFrameSize(frame, format, 'JPEG lossless');
      return decodeJpegLossless(frame, format);
    case 'jpeg-ls':
      checkCodecFrameSize(frame, format, 'JPEG-LS');
      return decodeWasmFrame(charls, 'JPEG-LS', frame, format);
    case 'jpeg2000':
      checkCodecFrameSize(frame, format, 'JPEG 2000');
      return decodeWasmFrame(openjpeg, 'JPEG 2000', frame, format);
    case 'jpeg-lossy':
      if (LOSSY_JPEG_SYNTAXES.includes(instance.transferSyntaxUid)) {
        checkCodecFrameSize(frame, format, 'JPEG');
        return decodeJpegLossy(frame, format);
      }
      break;
    case 'deflate-frame':
      return readSamples(inflateFrame(frame, frameByteLength(format)), 0, frameByteLength(format), 0, format, true);
  }
  throw new UnsupportedTransferSyntaxError(
    instance.transferSyntaxUid,
    syntax.codec === 'jpeg-lossy' && instance.transferSyntaxUid.startsWith('1.2.840.10008.1.2.4.5')
      ? 'only sequential DCT JPEG baseline (.50) and extended (.51) are decoded'
      : 'unknown transfer syntax',
  );
}

function swapWordBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length + (bytes.length % 2));
  out.set(bytes);
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

function inflateFrame(frame: Uint8Array, expected: number): Uint8Array {
  try {
    return inflateRawSync(frame, { maxOutputLength: Math.max(expected * MAX_FRAME_INFLATE_FACTOR, 1) });
  } catch (cause) {
    throw new DecodeFailedError(`Deflated image frame could not be inflated: ${(cause as Error).message}`, { cause });
  }
}
