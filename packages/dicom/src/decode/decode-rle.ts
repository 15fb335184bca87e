import { DecodeFailedError } from '../errors';
import { type PixelArray, type PixelFormat, allocatePixels, applyBitsStored, samplesPerFrame } from './pixel-format';

/** PS3.5 G.3.1: a 64-byte header of 16 little-endian uint32: segment count, then up to 15 segment offsets. */
const RLE_HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;
/** PackBits header byte -128 is a no-op (PS3.5 G.3.1). */
const PACKBITS_NOOP = -128;

/** Decodes one PackBits segment into `out` (exactly `out.length` bytes; extra input is ignored, short input fails). */
function unpackSegment(data: Uint8Array, start: number, end: number, out: Uint8Array, segment: number): void {
  let i = start;
  let o = 0;
  while (o < out.length && i < end) {
    const n = (data[i++] << 24) >> 24; // as signed byte
    if (n >= 0) {
      const count = n + 1;
      if (i + count > end || o + count > out.length) throw overrun(segment);
      out.set(data.subarray(i, i + count), o);
      i += count;
      o += count;
    } else if (n !== PACKBITS_NOOP) {
      const count = 1 - n;
      if (i >= end || o + count > out.length) throw overrun(segment);
      out.fill(data[i++], o, o + count);
      o += count;
    }
  }
  if (o < out.length) {
    throw new DecodeFailedError(`RLE segment ${segment} decodes to ${o} bytes, expected ${out.length}`);
  }
}

function overrun(segment: number): DecodeFailedError {
  return new DecodeFailedError(`RLE segment ${segment} runs past its end or past the frame size`);
}

/**
 * RLE Lossless (PS3.5 Annex G): one segment per byte plane, most significant byte of each sample first, samples in
 * order; reassembled here into interleaved samples.
 */
export function decodeRle(data: Uint8Array, format: PixelFormat): PixelArray {
  if (data.length < RLE_HEADER_BYTES)
    throw new DecodeFailedError(`RLE frame of ${data.length} bytes has no 64-byte header`);
  const header = new DataView(data.buffer, data.byteOffset, RLE_HEADER_BYTES);
  const segments = header.getUint32(0, true);
  const bytesPerSample = Math.max(1, format.bitsAllocated / 8);
  const expected = format.samplesPerPixel * bytesPerSample;
  if (segments !== expected || segments > MAX_SEGMENTS) {
    throw new DecodeFailedError(`RLE frame has ${segments} segments; ${expected} expected for this pixel format`);
  }
  const pixels = format.rows * format.columns;
  const spp = format.samplesPerPixel;
  const out = allocatePixels(format, samplesPerFrame(format));
  const plane = new Uint8Array(pixels);
  for (let s = 0; s < segments; s++) {
    const start = header.getUint32(4 * (s + 1), true);
    const end = s + 1 < segments ? header.getUint32(4 * (s + 2), true) : data.length;
    if (start < RLE_HEADER_BYTES || start > data.length || end > data.length || end < start) {
      throw new DecodeFailedError(
        `RLE segment ${s} offset ${start}..${end} lies outside the ${data.length}-byte frame`,
      );
    }
    unpackSegment(data, start, end, plane, s);
    const sample = Math.floor(s / bytesPerSample);
    const shift = 8 * (bytesPerSample - 1 - (s % bytesPerSample)); // MSB segment first
    for (let i = 0; i < pixels; i++) out[i * spp + sample] |= plane[i] << shift;
  }
  // Typed arrays wrap to their width, so OR-ing the bytes of a signed sample yields its two's-complement value.
  return applyBitsStored(out, format);
}
