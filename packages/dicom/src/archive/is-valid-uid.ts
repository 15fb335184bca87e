/**
 * The DICOM UID grammar (PS3.5 §9.1): components of digits separated by dots, at most 64 characters. Leading zeros
 * are tolerated (some scanners write them); anything else — a slash, a newline, letters — is not a UID and must
 * not reach a workflow ID, a database key or a path.
 */
const UID = /^[0-9]+(\.[0-9]+)*$/;
export const MAX_UID_LENGTH = 64;

export function isValidUid(value: string): boolean {
  return value.length <= MAX_UID_LENGTH && UID.test(value);
}
