import { type PixelFormat, applyBitsStored } from '../decode/pixel-format';
import { type HuMapping, writeHu } from './hu-mapper';

const WORD_VALUES = 1 << 16;

/**
 * HU for every possible raw 16-bit word of a format and mapping: BitsStored, sign, rescale or Modality LUT, padding,
 * rounding and clamping, computed by the same functions as the per-voxel path, so the results are identical. A
 * 512² slice has four times as many voxels as the table has entries, and one series usually needs one table.
 */
export function huLookupTable(format: PixelFormat, mapping: HuMapping, paddingHu: number): Int16Array {
  const words = new Uint16Array(WORD_VALUES);
  for (let w = 0; w < WORD_VALUES; w++) words[w] = w;
  // Signed data is read as Int16 before BitsStored is applied, as readSamples does.
  const stored = applyBitsStored(format.signed ? new Int16Array(words.buffer) : words, format);
  const table = new Int16Array(WORD_VALUES);
  writeHu(stored, mapping, paddingHu, table, 0);
  return table;
}

/** One frame's words to HU through the table: one load and one store per voxel. */
export function writeHuFromWords(words: Uint16Array, table: Int16Array, out: Int16Array, offset: number): void {
  const n = words.length;
  for (let i = 0; i < n; i++) out[offset + i] = table[words[i]];
}

/**
 * Tables by format and mapping. Enhanced CT may rescale every frame differently: past `maxTables` distinct ones,
 * `get` answers undefined and the caller maps voxel by voxel instead of building a table per frame.
 */
export class HuLookupCache {
  private readonly tables = new Map<string, Int16Array>();

  constructor(
    private readonly paddingHu: number,
    private readonly maxTables = 8,
  ) {}

  get(format: PixelFormat, mapping: HuMapping): Int16Array | undefined {
    if (mapping.lut) return undefined; // keyed by value below; a Modality LUT is rare in CT and maps fine per voxel
    const key = [
      format.bitsStored,
      format.signed,
      mapping.slope,
      mapping.intercept,
      mapping.paddingValue,
      mapping.paddingLimit,
    ].join('|');
    let table = this.tables.get(key);
    if (!table && this.tables.size < this.maxTables) {
      table = huLookupTable(format, mapping, this.paddingHu);
      this.tables.set(key, table);
    }
    return table;
  }
}
