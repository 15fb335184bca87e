import { closeSync, fstatSync, openSync, readSync } from 'fs';
import { loadFrame } from '../decode/native-frame-words';
import { DicomError, ResourceBudgetError } from '../errors';
import { type DicomLimits, resolveLimits } from '../limits';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';
import { huMappingOf } from './hu-mapper';
import { HuLookupCache } from './hu-lookup';
import { writeSliceHu } from './write-slice-hu';

/** One slice to decode: its file, its frame, and where it goes in the volume. */
export interface FileSlice {
  path: string;
  frameIndex: number;
  z: number;
}

export interface FillOptions {
  paddingHu: number;
  limits?: Partial<DicomLimits>;
}

/** The first slice that failed and why; a read split across threads reports the lowest z, as one thread would. */
export interface SliceFailure {
  z: number;
  error: unknown;
}

/**
 * One buffer per thread that each file is read into in turn: no allocation (and no fresh pages) per file. Files
 * larger than this (multi-frame) get a buffer of their own, so a warm thread never holds on to much.
 */
const SCRATCH_MAX_BYTES = 8 * 1024 * 1024;
let scratch = Buffer.alloc(0);

/**
 * The whole file, in the thread's scratch buffer: valid until the next call, which is enough because a slice is
 * parsed, decoded and written before the next file is read (nothing keeps a reference to the bytes).
 */
function readIntoScratch(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (scratch.length < size && size <= SCRATCH_MAX_BYTES) scratch = Buffer.allocUnsafeSlow(size);
    const into = size <= SCRATCH_MAX_BYTES ? scratch : Buffer.allocUnsafeSlow(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, into, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return into.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Prefixes a DicomError's message with the file path so a person can find the bad file. */
export function inFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DicomError) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/**
 * Reads and parses each slice's file (once for consecutive frames of one file), decodes its frame and writes HU at
 * its z, holding one file at a time.
 * Stops at the first failure and returns it. A frame that takes longer than maxFrameDecodeMs stops the series.
 */
export function fillFromFiles(
  slices: FileSlice[],
  hu: Int16Array,
  perSlice: number,
  options: FillOptions,
): SliceFailure | undefined {
  const limits = resolveLimits(options.limits);
  const tables = new HuLookupCache(options.paddingHu);
  let current: { path: string; instance: DicomInstance } | undefined;
  for (const slice of slices) {
    try {
      if (current?.path !== slice.path) {
        current = undefined; // release the previous file before reading the next
        const bytes = readIntoScratch(slice.path);
        current = { path: slice.path, instance: inFile(slice.path, () => parseDicom(bytes, { limits })) };
      }
      const instance = current.instance;
      const started = performance.now();
      const loaded = inFile(slice.path, () => loadFrame(instance, slice.frameIndex));
      const ms = performance.now() - started;
      if (ms > limits.maxFrameDecodeMs) {
        throw new ResourceBudgetError(
          `${slice.path}: frame ${slice.frameIndex + 1} took ${Math.round(ms)} ms to decode ` +
            `(${instance.transferSyntaxUid}), over the ${limits.maxFrameDecodeMs} ms a frame may take ` +
            '(CACSCREEN_MAX_FRAME_DECODE_MS); the rest of the series is not decoded',
        );
      }
      const mapping = huMappingOf(instance, instance.frames?.[slice.frameIndex]);
      writeSliceHu(loaded, mapping, tables, hu, slice.z, perSlice);
    } catch (error) {
      return { z: slice.z, error };
    }
  }
  return undefined;
}
