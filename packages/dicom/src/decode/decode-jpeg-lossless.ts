import { Decoder } from 'jpeg-lossless-decoder-js';
import { DecodeFailedError } from '../errors';
import { type PixelArray, type PixelFormat, allocatePixels, applyBitsStored, samplesPerFrame } from './pixel-format';

const MARKER_PREFIX = 0xff;
const EOI = 0xd9;
/** A stuffed 0xFF 0x00 pair: eight 1-bits of entropy-coded fill, ignored once every pixel is decoded. */
const FILL_BYTES = [0xff, 0x00];

/**
 * jpeg-lossless-decoder-js (2.1.2) drops the last pixel when that pixel's Huffman code ends so close to the EOI
 * marker that the marker is already in its bit buffer: getHuffmanValue reports the marker instead of the code, and
 * the pixel stays 0 (seen on WG04 CT2_JPLL: 0 instead of -2048). We move the marker one byte later by inserting a
 * stuffed fill byte before EOI. Fill bits after the last code are never read as data, so every other stream decodes
 * identically; the test suite checks CT1/CT2 and multi-frame files against reference fingerprints.
 */
export function padBeforeEndOfImage(data: Uint8Array): Uint8Array {
  let eoi = data.length - 2;
  while (eoi >= 0 && !(data[eoi] === MARKER_PREFIX && data[eoi + 1] === EOI)) eoi--;
  const out = new Uint8Array(data.length + FILL_BYTES.length);
  if (eoi < 0) {
    out.set(data);
    return out.subarray(0, data.length);
  }
  out.set(data.subarray(0, eoi), 0);
  out.set(FILL_BYTES, eoi);
  out.set(data.subarray(eoi), eoi + FILL_BYTES.length);
  return out;
}

/** JPEG Lossless, Non-Hierarchical (Process 14; .57 any predictor, .70 selection value 1). */
export function decodeJpegLossless(data: Uint8Array, format: PixelFormat): PixelArray {
  const padded = padBeforeEndOfImage(data);
  let decoded: Uint8Array | Uint16Array;
  try {
    decoded = new Decoder().decode(padded.buffer as ArrayBuffer, padded.byteOffset, padded.length);
  } catch (cause) {
    throw new DecodeFailedError(`JPEG lossless decoder failed: ${(cause as Error).message}`, { cause });
  }
  const count = samplesPerFrame(format);
  if (!decoded || decoded.length < count) {
    throw new DecodeFailedError(`JPEG lossless frame decoded to ${decoded?.length ?? 0} samples, ${count} expected`);
  }
  const out = allocatePixels(format);
  for (let i = 0; i < count; i++) out[i] = decoded[i];
  return applyBitsStored(out, format);
}
