import { readFileSync } from 'fs';
import { readFile, stat } from 'fs/promises';
import { checkFileSize, resolveLimits } from '../limits';
import { decodeFrame } from '../decode/decode-frame';
import { DicomError, ResourceBudgetError } from '../errors';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';
import { type BuiltVolume, assembleVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
import { dropDuplicateInstances } from './drop-duplicate-instances';
import { sliceRefs } from './slice-ref';

/** Prefixes a DicomError's message with the file path so a person can find the bad file. */
function inFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DicomError) error.message = `${path}: ${error.message}`;
    throw error;
  }
}

/** Files read in the header pass are kept for the pixel pass up to this many bytes in all (then read again). */
const KEEP_BYTES_LIMIT = 256 * 1024 * 1024;

/**
 * Reads one series from files in two passes: headers only (to order the slices), then each file's pixels straight
 * into the volume. The files' bytes from the first pass are kept for the second up to KEEP_BYTES_LIMIT (a 512² ×
 * 300 series is 150 MB) and released one by one; beyond it files are read again, so peak memory stays the HU volume
 * plus at most that much.
 */
export async function readSeriesVolume(filePaths: string[], options: BuildVolumeOptions = {}): Promise<BuiltVolume> {
  const headers: { source: string; instance: DicomInstance }[] = [];
  const kept = new Map<string, Buffer>();
  let keptBytes = 0;
  const limits = resolveLimits(options.limits);
  for (const path of filePaths) {
    const { size } = await stat(path);
    inFile(path, () => checkFileSize(size, limits));
    const bytes = await readFile(path);
    headers.push({ source: path, instance: inFile(path, () => parseDicom(bytes, { headersOnly: true, limits })) });
    if (keptBytes + bytes.length <= KEEP_BYTES_LIMIT) {
      kept.set(path, bytes);
      keptBytes += bytes.length;
    }
  }
  const unique = dropDuplicateInstances(headers, (path) =>
    inFile(path, () => parseDicom(kept.get(path) ?? readFileSync(path), { limits })),
  );
  let current: { path: string; instance: DicomInstance } | undefined;
  const built = assembleVolume(
    sliceRefs(unique.kept),
    (slice) => {
      if (current?.path !== slice.source) {
        current = undefined; // release the previous file before reading the next
        const bytes = kept.get(slice.source) ?? readFileSync(slice.source);
        kept.delete(slice.source);
        current = { path: slice.source, instance: inFile(slice.source, () => parseDicom(bytes, { limits })) };
      }
      const instance = current.instance;
      const started = performance.now();
      const pixels = inFile(slice.source, () => decodeFrame(instance, slice.frameIndex));
      const ms = performance.now() - started;
      if (ms > limits.maxFrameDecodeMs) {
        throw new ResourceBudgetError(
          `${slice.source}: frame ${slice.frameIndex + 1} took ${Math.round(ms)} ms to decode ` +
            `(${instance.transferSyntaxUid}), over the ${limits.maxFrameDecodeMs} ms a frame may take ` +
            '(CACSCREEN_MAX_FRAME_DECODE_MS); the rest of the series is not decoded',
        );
      }
      return pixels;
    },
    options,
  );
  return { ...built, warnings: [...unique.warnings, ...built.warnings] };
}
