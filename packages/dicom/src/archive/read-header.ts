import { open } from 'fs/promises';
import { LimitExceededError, NotDicomError } from '../errors';
import { type DicomLimits, checkFileSize, resolveLimits } from '../limits';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';

/** Most CT headers fit in the first 64 KiB; reading only that keeps indexing fast on large archives. */
const HEADER_PROBE_BYTES = 64 * 1024;

async function readPrefix(path: string, bytes: number): Promise<{ data: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const data = Buffer.alloc(length);
    await handle.read(data, 0, length, 0);
    return { data, size };
  } finally {
    await handle.close();
  }
}

/**
 * Parses a file's header without its pixel data. Tries the first 64 KiB; when the header is longer (Enhanced CT
 * functional groups, deflated data sets) and that fails, reads the whole file, whose error is then the real one.
 * A probe that is not DICOM at all, or a file beyond maxFileBytes, is refused without reading the rest. A file
 * cut off inside its pixel data keeps its place in the study (`truncatedPixelData`); reading the pixels rejects it.
 */
export async function readHeader(path: string, limits?: Partial<DicomLimits>): Promise<DicomInstance> {
  const resolved = resolveLimits(limits);
  const probe = await readPrefix(path, HEADER_PROBE_BYTES);
  const whole = probe.data.length === probe.size;
  try {
    const instance = parseDicom(probe.data, {
      headersOnly: true,
      fileLength: probe.size,
      limits: resolved,
      tolerateTruncatedPixels: true,
    });
    // A header that parsed but was cut off before the pixel data may have lost attributes: read it all.
    if (whole || instance.hasPixelData) return instance;
  } catch (error) {
    if (whole || error instanceof NotDicomError || error instanceof LimitExceededError) throw error;
  }
  checkFileSize(probe.size, resolved);
  const handle = await open(path, 'r');
  try {
    return parseDicom(await handle.readFile(), { headersOnly: true, limits: resolved, tolerateTruncatedPixels: true });
  } finally {
    await handle.close();
  }
}
