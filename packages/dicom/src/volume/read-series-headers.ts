import { open, readFile } from 'fs/promises';
import { type DicomLimits, checkFileSize } from '../limits';
import type { DicomInstance } from '../parse/dicom-instance';
import { parseDicom } from '../parse/parse-dicom';
import { inFile } from './fill-from-files';

/** CT headers fit in the first 64 KiB; the pixels are read once, by the pixel pass (fill-from-files.ts). */
const HEADER_PROBE_BYTES = 64 * 1024;
/** Files probed at once: the reads (libuv's threads) overlap the parsing (this thread). */
const READS_IN_FLIGHT = 8;

/**
 * The header of one file of a series, as a whole-file `parseDicom(bytes, { headersOnly })` gives it, from its first
 * 64 KiB when those hold the whole header (sizes are checked against the real file length); otherwise (a long
 * header, a deflated data set, any error) from the whole file, whose result or error is then the real one.
 */
async function readSeriesHeader(path: string, limits: DicomLimits): Promise<DicomInstance> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    inFile(path, () => checkFileSize(size, limits));
    const probe = Buffer.allocUnsafe(Math.min(size, HEADER_PROBE_BYTES));
    const { bytesRead } = await handle.read(probe, 0, probe.length, 0);
    const parse = (bytes: Buffer) => parseDicom(bytes, { headersOnly: true, fileLength: size, limits });
    if (bytesRead === size) return inFile(path, () => parse(probe));
    try {
      const instance = parse(probe.subarray(0, bytesRead));
      if (instance.hasPixelData) return instance;
    } catch {
      // cut off inside the header: the whole file decides
    }
    const whole = await readFile(path);
    return inFile(path, () => parse(whole));
  } finally {
    await handle.close();
  }
}

/**
 * Reads the headers of every file, READS_IN_FLIGHT at a time, in order. The first failure in path order is thrown
 * (no read starts after a failure; those before it are awaited), as reading one file at a time would.
 */
export async function readSeriesHeaders(
  filePaths: string[],
  limits: DicomLimits,
): Promise<{ source: string; instance: DicomInstance }[]> {
  const headers: { source: string; instance: DicomInstance }[] = new Array(filePaths.length);
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const reader = async () => {
    while (next < filePaths.length && failures.length === 0) {
      const index = next++;
      const source = filePaths[index];
      await readSeriesHeader(source, limits).then(
        (instance) => (headers[index] = { source, instance }),
        (error: unknown) => failures.push({ index, error }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, filePaths.length) }, reader));
  if (failures.length > 0) throw failures.reduce((a, b) => (b.index < a.index ? b : a)).error;
  return headers;
}
