import { InvalidValueError } from '../errors';
import { type NativeFrameWords, storedValues } from '../decode/native-frame-words';
import type { PixelArray } from '../decode/pixel-format';
import { type HuMapping, writeHu } from './hu-mapper';
import { type HuLookupCache, writeHuFromWords } from './hu-lookup';

/** A slice's pixels as a loader gives them: decoded stored values, or the raw words of native 16-bit data. */
export type LoadedFrame = PixelArray | NativeFrameWords;

/** Writes slice `z` of the volume in HU: native words through a table (hu-lookup.ts), anything else per voxel. */
export function writeSliceHu(
  loaded: LoadedFrame,
  mapping: HuMapping,
  tables: HuLookupCache,
  hu: Int16Array,
  z: number,
  perSlice: number,
): void {
  const length = 'words' in loaded ? loaded.words.length : loaded.length;
  if (length !== perSlice) throw new InvalidValueError(`Slice ${z} decoded to ${length} values; ${perSlice} expected`);
  if ('words' in loaded) {
    const table = tables.get(loaded.format, mapping, loaded.byteSwapped);
    if (table) return writeHuFromWords(loaded.words, table, hu, z * perSlice);
    return writeHu(storedValues(loaded), mapping, tables.paddingHu, hu, z * perSlice);
  }
  writeHu(loaded, mapping, tables.paddingHu, hu, z * perSlice);
}
