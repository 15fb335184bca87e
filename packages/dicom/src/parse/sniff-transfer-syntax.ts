import { NotDicomError, TruncatedError } from '../errors';
import { TRANSFER_SYNTAX } from './transfer-syntaxes';

/** Bytes needed to look at the first element: tag (4) + VR (2) + 16-bit length (2). */
const MIN_ELEMENT_BYTES = 8;
/** A data set's first element belongs to a low group (0008 identifying, or 0002..0030); anything else is not DICOM. */
const MAX_PLAUSIBLE_FIRST_GROUP = 0x0030;

function isVrLetters(a: number, b: number): boolean {
  const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
  return isUpper(a) && isUpper(b);
}

/**
 * Guesses the transfer syntax of a data set that has no file meta (or a meta without (0002,0010)) from its first
 * element: explicit VR shows two upper-case VR letters after the tag; big endian shows the group in the high byte.
 * Only the three uncompressed syntaxes can be inferred; compressed pixel data always comes with a file meta.
 */
export function sniffTransferSyntax(bytes: Uint8Array, position: number): string {
  if (position > bytes.length) {
    throw new TruncatedError(
      `The file ends at byte ${bytes.length}, inside its file meta information (which runs to byte ${position})`,
    );
  }
  if (bytes.length - position < MIN_ELEMENT_BYTES) {
    throw new NotDicomError(`Only ${bytes.length - position} bytes: too short to hold a DICOM element`);
  }
  const groupLe = bytes[position] | (bytes[position + 1] << 8);
  const groupBe = (bytes[position] << 8) | bytes[position + 1];
  const explicit = isVrLetters(bytes[position + 4], bytes[position + 5]);
  if (groupLe !== 0 && groupLe <= MAX_PLAUSIBLE_FIRST_GROUP) {
    return explicit ? TRANSFER_SYNTAX.ExplicitVRLittleEndian : TRANSFER_SYNTAX.ImplicitVRLittleEndian;
  }
  if (explicit && groupBe !== 0 && groupBe <= MAX_PLAUSIBLE_FIRST_GROUP) {
    return TRANSFER_SYNTAX.ExplicitVRBigEndian;
  }
  throw new NotDicomError(
    'No DICM prefix at byte 128 and the first bytes do not look like a DICOM element ' +
      `(group 0x${groupLe.toString(16).padStart(4, '0')})`,
  );
}
