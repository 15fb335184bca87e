/** What the sequential-DCT JPEG decoder's parts share: constants, the component record, the failure. */
import { DecodeFailedError } from '../../errors';

export const DCT_SIZE = 8;
export const BLOCK = 64;
export const MARKER = 0xff;

/** Zig-zag order: the natural (row-major) index of the k-th coefficient in the stream. */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

export interface HuffmanTable {
  maxCode: Int32Array; // per length 1..16; -1 when no code has that length
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

export interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  coefficients: Int32Array;
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
  pred: number;
}

export function fail(message: string): never {
  throw new DecodeFailedError(`JPEG (DCT) decoder: ${message}`);
}
