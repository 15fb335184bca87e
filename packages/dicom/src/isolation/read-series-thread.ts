import { readSeriesVolume } from '../volume/read-series-volume';
import type { BuiltVolume } from '../volume/assemble-volume';
import type { BuildVolumeOptions } from '../volume/build-volume-options';
import { serveParent } from './thread-protocol';

/** Thread entry for readSeriesIsolated: reads the series and hands the HU volume's buffer back without a copy. */
serveParent<{ files: string[]; options: BuildVolumeOptions }, BuiltVolume>(async ({ files, options }) => {
  const built = await readSeriesVolume(files, options);
  return { value: built, transfer: [built.volume.hu.buffer as ArrayBuffer] };
});
