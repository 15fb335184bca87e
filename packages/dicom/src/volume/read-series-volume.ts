import { readFileSync } from 'fs';
import { decodeThreadsFromEnv, fillInThreads } from '../isolation/decode-threads';
import { resolveLimits } from '../limits';
import { parseDicom } from '../parse/parse-dicom';
import { type BuiltVolume, planVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
import { dropDuplicateInstances } from './drop-duplicate-instances';
import { type FileSlice, fillFromFiles, inFile } from './fill-from-files';
import { readSeriesHeaders } from './read-series-headers';
import { sliceRefs } from './slice-ref';

export interface ReadSeriesOptions extends BuildVolumeOptions {
  /** Threads that decode the slices, this one included (default CACSCREEN_DECODE_THREADS, else the cores, ≤ 4). */
  decodeThreads?: number;
}

/**
 * Reads one series from files in two passes. Headers: the first 64 KiB of each file (read-series-headers.ts), to
 * check and order the slices before any pixel is decoded. Pixels: each file read whole once and its slice written
 * straight into the allocated HU volume, by several threads when the series is large enough
 * (isolation/decode-threads.ts). Peak memory is the HU volume plus one file per thread.
 */
export async function readSeriesVolume(filePaths: string[], options: ReadSeriesOptions = {}): Promise<BuiltVolume> {
  const limits = resolveLimits(options.limits);
  const headers = await readSeriesHeaders(filePaths, limits);
  const unique = dropDuplicateInstances(headers, (path) =>
    inFile(path, () => parseDicom(readFileSync(path), { limits })),
  );
  const refs = sliceRefs(unique.kept);
  // One frame per file (classic CT): each thread can own its files. Multi-frame files are read in this thread.
  const threads =
    new Set(refs.map((r) => r.source)).size === refs.length ? (options.decodeThreads ?? decodeThreadsFromEnv()) : 1;
  const plan = planVolume(refs, options, threads > 1);
  const slices: FileSlice[] = plan.slices.map((s, z) => ({
    path: s.source,
    frameIndex: s.frameIndex,
    z,
  }));
  const fill = { paddingHu: plan.paddingHu, limits };
  const failure =
    threads > 1
      ? await fillInThreads(slices, plan.hu, plan.perSlice, fill, threads)
      : fillFromFiles(slices, plan.hu, plan.perSlice, fill);
  if (failure) throw failure.error;
  const built = plan.finish();
  return { ...built, warnings: [...unique.warnings, ...built.warnings] };
}
