import type { DicomInstance } from '../parse/dicom-instance';
import { InvalidValueError, MissingTagError } from '../errors';
import { TAG, formatTag } from '../parse/tags';

/** Stored pixel values of one frame, samples interleaved per pixel (r, g, b, r, g, b, … for colour). */
export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/** What a frame looks like once decoded. */
export interface PixelFormat {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  signed: boolean;
  planarConfiguration: number;
}

const SUPPORTED_BITS_ALLOCATED = [1, 8, 16, 32];

function required(value: number | undefined, tag: string, keyword: string): number {
  if (value === undefined || value <= 0) throw new MissingTagError(formatTag(tag), keyword, 'for pixel decoding');
  return value;
}

/** Validates and collects the attributes pixel decoding needs, with typed errors naming what is missing. */
export function pixelFormatOf(instance: DicomInstance): PixelFormat {
  const rows = required(instance.rows, TAG.Rows, 'Rows');
  const columns = required(instance.columns, TAG.Columns, 'Columns');
  const bitsAllocated = required(instance.bitsAllocated, TAG.BitsAllocated, 'BitsAllocated');
  if (!SUPPORTED_BITS_ALLOCATED.includes(bitsAllocated)) {
    throw new InvalidValueError(`BitsAllocated ${bitsAllocated} is not one of ${SUPPORTED_BITS_ALLOCATED.join(', ')}`);
  }
  const bitsStored = Math.min(instance.bitsStored ?? bitsAllocated, bitsAllocated);
  return {
    rows,
    columns,
    samplesPerPixel: instance.samplesPerPixel,
    bitsAllocated,
    bitsStored: bitsStored > 0 ? bitsStored : bitsAllocated,
    signed: instance.pixelRepresentation === 1,
    planarConfiguration: instance.planarConfiguration,
  };
}

export function samplesPerFrame(format: PixelFormat): number {
  return format.rows * format.columns * format.samplesPerPixel;
}

/** Allocates the output array type for a format: the width of BitsAllocated (1-bit → 8), signed per PixelRepresentation. */
export function allocatePixels(format: PixelFormat, length = samplesPerFrame(format)): PixelArray {
  switch (format.bitsAllocated) {
    case 1:
      return new Uint8Array(length);
    case 8:
      return format.signed ? new Int8Array(length) : new Uint8Array(length);
    case 16:
      return format.signed ? new Int16Array(length) : new Uint16Array(length);
    default:
      return format.signed ? new Int32Array(length) : new Uint32Array(length);
  }
}

/**
 * Keeps only the low BitsStored bits (higher bits may hold old-style overlays) and sign-extends them when
 * PixelRepresentation is 1, so a 12-bit signed value 0xFFF reads as -1.
 */
export function applyBitsStored(pixels: PixelArray, format: PixelFormat): PixelArray {
  const bits = format.bitsStored;
  if (bits >= format.bitsAllocated || format.bitsAllocated === 1) return pixels;
  const mask = bits >= 32 ? 0xffffffff : (1 << bits) - 1;
  const signBit = 1 << (bits - 1);
  for (let i = 0; i < pixels.length; i++) {
    let v = pixels[i] & mask;
    if (format.signed && v & signBit) v -= mask + 1;
    pixels[i] = v;
  }
  return pixels;
}

/** Planar configuration 1 (RRR…GGG…BBB…) to the interleaved order every other path produces. */
export function interleavePlanes(pixels: PixelArray, format: PixelFormat): PixelArray {
  const spp = format.samplesPerPixel;
  if (spp === 1 || format.planarConfiguration !== 1) return pixels;
  const n = format.rows * format.columns;
  const out = allocatePixels(format, pixels.length);
  for (let s = 0; s < spp; s++) for (let i = 0; i < n; i++) out[i * spp + s] = pixels[s * n + i];
  return out;
}
