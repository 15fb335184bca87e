import { inflateRawSync } from 'zlib';
import { DecodeFailedError } from '../errors';

/** Refuse to inflate beyond this: a deflated data set that expands past 2 GiB is a zip bomb, not a CT slice. */
export const MAX_INFLATED_BYTES = 2 ** 31 - 1;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta is raw deflate (RFC 1951).
 * Returns one array holding the file meta bytes followed by the inflated data set, so offsets stay simple.
 */
export function inflateDataSet(bytes: Uint8Array, dataSetStart: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(dataSetStart), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (cause) {
    throw new DecodeFailedError(`Deflated data set could not be inflated: ${(cause as Error).message}`, { cause });
  }
  const out = new Uint8Array(dataSetStart + inflated.length);
  out.set(bytes.subarray(0, dataSetStart), 0);
  out.set(inflated, dataSetStart);
  return out;
}
