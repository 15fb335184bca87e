import { inflateRawSync } from 'zlib';
import { DecodeFailedError, LimitExceededError } from '../errors';
import { DEFAULT_LIMITS } from '../limits';

/** Node reports output beyond maxOutputLength with this code (or a RangeError naming the buffer size). */
const TOO_LARGE = /ERR_BUFFER_TOO_LARGE|larger than/i;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta is raw deflate (RFC 1951).
 * Returns one array holding the file meta bytes followed by the inflated data set, so offsets stay simple.
 * zlib inflates chunk by chunk and stops as soon as the output passes `maxBytes`, so a deflate bomb costs at most
 * that much memory, never its full inflated size.
 */
export function inflateDataSet(
  bytes: Uint8Array,
  dataSetStart: number,
  maxBytes: number = DEFAULT_LIMITS.maxInflatedBytes,
): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(bytes.subarray(dataSetStart), { maxOutputLength: maxBytes });
  } catch (cause) {
    const error = cause as Error & { code?: string };
    if (TOO_LARGE.test(`${error.code ?? ''} ${error.message}`)) {
      throw new LimitExceededError(
        'maxInflatedBytes',
        `Deflated data set inflates past the limit of ${maxBytes} bytes (CACSCREEN_MAX_INFLATED_MIB)`,
      );
    }
    throw new DecodeFailedError(`Deflated data set could not be inflated: ${error.message}`, { cause });
  }
  const out = new Uint8Array(dataSetStart + inflated.length);
  out.set(bytes.subarray(0, dataSetStart), 0);
  out.set(inflated, dataSetStart);
  return out;
}
