import { readFileSync } from 'fs';
import { decodeThreadsFromEnv, fillInThreads } from '../isolation/decode-threads';
import { resolveLimits } from '../limits';
import { parseDicom } from '../parse/parse-dicom';
import { type BuiltVolume, planVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
import { dropDuplicateInstances } from './drop-duplicate-instances';
import { type FileSlice, fillFromFiles, inFile } from './fill-from-files';
import { readSeriesHeaders } from './read-series-headers';
import { type SliceRef, sliceRefs } from './slice-ref';

export interface ReadSeriesOptions extends BuildVolumeOptions {
  /**
   * Threads that share the pixel pass, this one included. Default: for compressed or deflated series
   * CACSCREEN_DECODE_THREADS, else the cores up to 4; for native ones 1 (see decodeThreadsFor).
   */
  decodeThreads?: number;
}

/**
 * Reads one series from files in two passes. Headers: the first 64 KiB of each file (read-series-headers.ts), to
 * check and order the slices before any pixel is decoded. Pixels: each file read whole once and its slice written
 * straight into the allocated HU volume, by several threads for compressed series
 * (isolation/decode-threads.ts). Peak memory is the HU volume plus one file per thread.
 */
export async function readSeriesVolume(filePaths: string[], options: ReadSeriesOptions = {}): Promise<BuiltVolume> {
  const limits = resolveLimits(options.limits);
  const headers = await readSeriesHeaders(filePaths, limits);
  const unique = dropDuplicateInstances(headers, (path) =>
    inFile(path, () => parseDicom(readFileSync(path), { limits })),
  );
  const refs = sliceRefs(unique.kept);
  const threads = decodeThreadsFor(refs, options.decodeThreads);
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

/**
 * One frame per file (classic CT) lets each thread own its files; multi-frame files are read in this thread. Native
 * pixels are by default too: copying them is bound by memory, and on 2 cores a second thread measured slower
 * (512² × 300: 299 ms in one thread, 332 ms in two), while codecs and inflating gain from it.
 */
function decodeThreadsFor(refs: SliceRef<string>[], requested: number | undefined): number {
  if (new Set(refs.map((r) => r.source)).size !== refs.length) return 1;
  if (requested !== undefined) return requested;
  const syntax = refs[0]?.instance.transferSyntax;
  return syntax && (syntax.encapsulated || syntax.deflatedDataSet) ? decodeThreadsFromEnv() : 1;
}
