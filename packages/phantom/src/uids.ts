import { createHash } from 'crypto';

/**
 * Deterministic DICOM UID under the 2.25 (UUID-derived) root: the first 128 bits of sha256(key), shaped as an
 * RFC 9562 version-8 (custom) UUID and written as one decimal integer. Same key → same UID; at most 44 characters.
 */
export function uidFromKey(key: string): string {
  const bytes = createHash('sha256').update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}

/** Identifies this generator as the implementation that wrote the files. */
export const IMPLEMENTATION_CLASS_UID = uidFromKey('cacscreen-phantom implementation v1');
export const IMPLEMENTATION_VERSION_NAME = 'CACSCREEN_PH1';
