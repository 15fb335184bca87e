import { createHash } from 'crypto';

export interface Fingerprint {
  min: bigint;
  max: bigint;
  sum: bigint;
  md5: string;
}

/** min/max/sum and the md5 of the values written as int64 little endian: the oracle's fingerprint format. */
export function fingerprint(frames: ArrayLike<number>[]): Fingerprint {
  const hash = createHash('md5');
  let min: bigint | undefined;
  let max: bigint | undefined;
  let sum = 0n;
  for (const values of frames) {
    const wide = new BigInt64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = BigInt(values[i]);
      wide[i] = v;
      sum += v;
      if (min === undefined || v < min) min = v;
      if (max === undefined || v > max) max = v;
    }
    hash.update(new Uint8Array(wide.buffer));
  }
  return { min: min ?? 0n, max: max ?? 0n, sum, md5: hash.digest('hex') };
}
