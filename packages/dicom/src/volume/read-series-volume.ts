import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { decodeFrame } from '../decode/decode-frame';
import { DicomError } from '../errors';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';
import { type BuiltVolume, assembleVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
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

/**
 * Reads one series from files in two passes: headers only (to order the slices), then each file again to decode its
 * pixels straight into the volume. Peak memory is the HU volume plus one file, not the whole series.
 */
export async function readSeriesVolume(filePaths: string[], options: BuildVolumeOptions = {}): Promise<BuiltVolume> {
  const headers: { source: string; instance: DicomInstance }[] = [];
  for (const path of filePaths) {
    const bytes = await readFile(path);
    headers.push({ source: path, instance: inFile(path, () => parseDicom(bytes, { headersOnly: true })) });
  }
  let current: { path: string; instance: DicomInstance } | undefined;
  return assembleVolume(
    sliceRefs(headers),
    (slice) => {
      if (current?.path !== slice.source) {
        current = undefined; // release the previous file before reading the next
        const bytes = readFileSync(slice.source);
        current = { path: slice.source, instance: inFile(slice.source, () => parseDicom(bytes)) };
      }
      const instance = current.instance;
      return inFile(slice.source, () => decodeFrame(instance, slice.frameIndex));
    },
    options,
  );
}
