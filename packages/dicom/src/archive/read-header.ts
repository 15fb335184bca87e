import { open } from 'fs/promises';
import { readFile } from 'fs/promises';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';

/** Most CT headers fit in the first 64 KiB; reading only that keeps indexing fast on large archives. */
const HEADER_PROBE_BYTES = 64 * 1024;

async function readPrefix(path: string, bytes: number): Promise<{ data: Buffer; whole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const data = Buffer.alloc(length);
    await handle.read(data, 0, length, 0);
    return { data, whole: length === size };
  } finally {
    await handle.close();
  }
}

/**
 * Parses a file's header without its pixel data. Tries the first 64 KiB; when the header is longer (Enhanced CT
 * functional groups, deflated data sets) and that fails, reads the whole file, whose error is then the real one.
 */
export async function readHeader(path: string): Promise<DicomInstance> {
  const probe = await readPrefix(path, HEADER_PROBE_BYTES);
  try {
    const instance = parseDicom(probe.data, { headersOnly: true });
    // A header that parsed but was cut off before the pixel data may have lost attributes: read it all.
    if (probe.whole || instance.hasPixelData) return instance;
  } catch (error) {
    if (probe.whole) throw error;
  }
  return parseDicom(await readFile(path), { headersOnly: true });
}
