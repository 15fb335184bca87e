import { resolveLimits } from '../limits';
import { checkDeclaredSizes } from './check-declared-sizes';
import { findUnparsableNumbers } from './find-unparsable-numbers';
import { readCleanString } from './read-clean-string';
import type { DicomInstance, ParseOptions } from './dicom-instance';
import { readDataSet, toDicomError } from './read-data-set';
import { readHeaderFields } from './read-header-fields';
import { readPixelDataLocation } from './read-pixel-data-location';
import type { PixelDataLocation } from './dicom-instance';
import { readNumber } from './element-values';
import { TAG } from './tags';
import { describeTransferSyntax } from './transfer-syntaxes';

/**
 * Parses one DICOM Part 10 file (or a bare data set without file meta) into typed header fields. With
 * `headersOnly` it stops at (7FE0,0010) and keeps no reference to the bytes, which is what indexing wants.
 * Throws a DicomError (NOT_DICOM, TRUNCATED, MALFORMED, DECODE_FAILED for a bad deflate stream, LIMIT_EXCEEDED for
 * sizes beyond `options.limits`).
 */
export function parseDicom(buffer: Uint8Array, options: ParseOptions = {}): DicomInstance {
  try {
    return readInstance(buffer, options);
  } catch (thrown) {
    // dicom-parser's value readers throw bare strings (a value running past the end of the bytes, found by
    // fuzzing): those are bad data. Anything else is a bug of ours and stays what it is.
    if (typeof thrown === 'string' || (thrown instanceof Error && thrown.message.startsWith('dicomParser'))) {
      throw toDicomError(thrown, 'Header');
    }
    throw thrown;
  }
}

function readInstance(buffer: Uint8Array, options: ParseOptions): DicomInstance {
  const limits = resolveLimits(options.limits);
  const { dataSet, transferSyntaxUid, warnings } = readDataSet(
    buffer,
    options.headersOnly ? TAG.PixelData : undefined,
    limits.maxInflatedBytes,
  );
  const transferSyntax = describeTransferSyntax(transferSyntaxUid);
  // A deflated data set was inflated into a new array: its length is the real one.
  const inflated = dataSet.byteArray !== buffer;
  const fileLength = inflated ? dataSet.byteArray.length : Math.max(options.fileLength ?? 0, buffer.length);
  let truncatedPixelData: string | undefined;
  checkDeclaredSizes(dataSet, limits, fileLength, (error) => {
    if (!options.tolerateTruncatedPixels) throw error;
    truncatedPixelData = error.message;
  });
  const header = readHeaderFields(dataSet);
  const pixelData = options.headersOnly ? undefined : readPixelDataLocation(dataSet, transferSyntax.encapsulated);
  if (dataSet.elements[TAG.NumberOfFrames] && readNumber(dataSet, TAG.NumberOfFrames) === undefined) {
    header.numberOfFrames = inferFrameCount(header, pixelData);
    warnings.push(
      `NumberOfFrames (0028,0008) is not a number; using ${header.numberOfFrames} from the pixel data length`,
    );
  }
  const unparsableNumbers = findUnparsableNumbers(dataSet);
  // Identifiers feed the worklist and matching: read them whole, without control characters.
  header.patientId = readCleanString(dataSet, TAG.PatientID, 'PatientID', warnings);
  header.accessionNumber = readCleanString(dataSet, TAG.AccessionNumber, 'AccessionNumber', warnings);
  header.studyId = readCleanString(dataSet, TAG.StudyID, 'StudyID', warnings);
  if (truncatedPixelData) warnings.push(truncatedPixelData);
  return { ...header, transferSyntaxUid, transferSyntax, pixelData, warnings, unparsableNumbers, truncatedPixelData };
}

const BITS_PER_BYTE = 8;

/** Frames that fit in native pixel data; encapsulated data counts one frame per fragment as a best guess. */
function inferFrameCount(
  header: ReturnType<typeof readHeaderFields>,
  pixelData: PixelDataLocation | undefined,
): number {
  if (!pixelData) return 1;
  if (pixelData.encapsulated) return Math.max(1, pixelData.fragments.length);
  const bits = (header.rows ?? 0) * (header.columns ?? 0) * header.samplesPerPixel * (header.bitsAllocated ?? 0);
  return bits > 0 ? Math.max(1, Math.floor((pixelData.length * BITS_PER_BYTE) / bits)) : 1;
}
