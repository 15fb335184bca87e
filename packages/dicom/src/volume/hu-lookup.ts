import { swapBytes } from '../decode/native-frame-words';
import { type PixelFormat, applyBitsStored } from '../decode/pixel-format';
import { type HuMapping, writeHu } from './hu-mapper';

const WORD_VALUES = 1 << 16;

export interface HuTable {
  /** HU by raw word. */
  values: Int16Array;
  /** Every word's HU is the word read as int16 (signed data stored as HU: slope 1, intercept 0, no padding). */
  identity: boolean;
}

/**
 * HU for every possible raw 16-bit word of a format and mapping: BitsStored, sign, rescale or Modality LUT, padding,
 * rounding and clamping, computed by the same functions as the per-voxel path, so the results are identical. A
 * 512² slice has four times as many voxels as the table has entries, and one series usually needs one table.
 */
export function huLookupTable(
  format: PixelFormat,
  mapping: HuMapping,
  paddingHu: number,
  byteSwapped = false,
): HuTable {
  const words = new Uint16Array(WORD_VALUES);
  // Big endian: entry w holds the HU of the word whose bytes are w's the other way round.
  for (let w = 0; w < WORD_VALUES; w++) words[w] = byteSwapped ? swapBytes(w) : w;
  // Signed data is read as Int16 before BitsStored is applied, as readSamples does.
  const stored = applyBitsStored(format.signed ? new Int16Array(words.buffer) : words, format);
  const values = new Int16Array(WORD_VALUES);
  writeHu(stored, mapping, paddingHu, values, 0);
  // Int16Array stores each word w as the int16 with the same bits, so `v === (w << 16) >> 16` tests the identity.
  return { values, identity: !byteSwapped && values.every((v, w) => v === (w << 16) >> 16) };
}

/**
 * One frame's words to HU: a plain copy from the file's bytes when the table is the identity (about 10× faster),
 * else one table load and one store per voxel.
 */
export function writeHuFromWords(words: Uint16Array, table: HuTable, out: Int16Array, offset: number): void {
  if (table.identity) {
    out.set(new Int16Array(words.buffer, words.byteOffset, words.length), offset);
    return;
  }
  const values = table.values;
  const n = words.length;
  for (let i = 0; i < n; i++) out[offset + i] = values[words[i]];
}

/**
 * Tables by format and mapping. Enhanced CT may rescale every frame differently: past `maxTables` distinct ones,
 * `get` answers undefined and the caller maps voxel by voxel instead of building a table per frame.
 */
export class HuLookupCache {
  private readonly tables = new Map<string, HuTable>();

  constructor(
    readonly paddingHu: number,
    private readonly maxTables = 8,
  ) {}

  get(format: PixelFormat, mapping: HuMapping, byteSwapped = false): HuTable | undefined {
    if (mapping.lut) return undefined; // keyed by value below; a Modality LUT is rare in CT and maps fine per voxel
    const key = [
      byteSwapped,
      format.bitsStored,
      format.signed,
      mapping.slope,
      mapping.intercept,
      mapping.paddingValue,
      mapping.paddingLimit,
    ].join('|');
    let table = this.tables.get(key);
    if (!table && this.tables.size < this.maxTables) {
      table = huLookupTable(format, mapping, this.paddingHu, byteSwapped);
      this.tables.set(key, table);
    }
    return table;
  }
}
