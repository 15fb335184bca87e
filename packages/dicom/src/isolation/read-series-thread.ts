import { readSeriesVolume } from '../volume/read-series-volume';
import type { BuiltVolume } from '../volume/assemble-volume';
import type { ReadSeriesOptions } from '../volume/read-series-volume';
import { serveParent } from './thread-protocol';

/**
 * Thread entry for readSeriesIsolated: reads the series and hands the HU volume back without a copy (its buffer is
 * transferred, or shared memory when decode threads filled it).
 */
serveParent<{ files: string[]; options: ReadSeriesOptions }, BuiltVolume>(async ({ files, options }) => {
  const built = await readSeriesVolume(files, options);
  const buffer = built.volume.hu.buffer;
  return { value: built, transfer: buffer instanceof ArrayBuffer ? [buffer] : [] };
});
