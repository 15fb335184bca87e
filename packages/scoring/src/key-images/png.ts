import { deflateSync } from 'node:zlib';

/** An 8-bit indexed-colour image: one palette index per pixel, rows top to bottom. */
export interface IndexedImage {
  width: number;
  height: number;
  /** width × height palette indices. */
  pixels: Uint8Array;
  /** RGB triples; at most 256 entries. */
  palette: ReadonlyArray<readonly [number, number, number]>;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOR_TYPE_INDEXED = 3;

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309 / PNG: polynomial 0xEDB88320, reflected), as every PNG chunk carries over its type and data. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes an indexed-colour PNG (colour type 3, bit depth 8): IHDR, PLTE, one zlib IDAT, IEND. Every scanline uses
 * filter 0 (none), which the PNG spec recommends for palette images; zlib does the compression.
 */
export function encodeIndexedPng(image: IndexedImage): Buffer {
  const { width, height, pixels, palette } = image;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`PNG size must be positive integers, got ${width} × ${height}`);
  }
  if (pixels.length !== width * height) {
    throw new RangeError(`PNG of ${width} × ${height} needs ${width * height} pixels, got ${pixels.length}`);
  }
  if (palette.length < 1 || palette.length > 256) {
    throw new RangeError(`A PNG palette holds 1–256 colours, got ${palette.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOR_TYPE_INDEXED;
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach(([r, g, b], i) => plte.set([r, g, b], i * 3));
  let maxIndex = 0;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * width, (y + 1) * width);
    for (let x = 0; x < width; x++) if (row[x] > maxIndex) maxIndex = row[x];
    raw[y * (width + 1)] = 0; // filter type: none
    raw.set(row, y * (width + 1) + 1);
  }
  if (maxIndex >= palette.length) {
    throw new RangeError(`Pixel index ${maxIndex} is outside the ${palette.length}-colour palette`);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
