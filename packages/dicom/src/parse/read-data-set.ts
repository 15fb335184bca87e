import * as dicomParser from 'dicom-parser';
import type { ByteArrayParser, DataSet, Element } from 'dicom-parser';
import { DicomError, MalformedError, NotDicomError, TruncatedError } from '../errors';
import { inflateDataSet } from './inflate-data-set';
import { sniffTransferSyntax } from './sniff-transfer-syntax';
import { SEQUENCE_TAGS, TAG } from './tags';
import { describeTransferSyntax } from './transfer-syntaxes';

/** PS3.10 §7.1: a 128-byte preamble, then the four bytes "DICM", then the file meta group. */
const PREAMBLE_BYTES = 128;
const DICM_PREFIX = 'DICM';
const PREFIX_END = PREAMBLE_BYTES + DICM_PREFIX.length;

/** dicom-parser exports the DataSet constructor at run time but its typings only declare the interface. */
const DataSetCtor = (
  dicomParser as unknown as {
    DataSet: new (parser: ByteArrayParser, bytes: Uint8Array, elements: Record<string, Element>) => DataSet;
  }
).DataSet;

export interface RawDataSet {
  dataSet: DataSet;
  transferSyntaxUid: string;
  warnings: string[];
}

function hasDicmPrefix(bytes: Uint8Array): boolean {
  if (bytes.length < PREFIX_END) return false;
  for (let i = 0; i < DICM_PREFIX.length; i++) {
    if (bytes[PREAMBLE_BYTES + i] !== DICM_PREFIX.charCodeAt(i)) return false;
  }
  return true;
}

/** dicom-parser throws strings, Errors, or `{ exception, dataSet }`; make that one message. */
function messageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  if (thrown instanceof Error) return thrown.message;
  if (thrown && typeof thrown === 'object' && 'exception' in thrown) return messageOf(thrown.exception);
  return String(thrown);
}

const END_OF_BUFFER = /past end|beyond|end of buffer|buffer over(read|run)|outside the bounds|out of range/i;

/** Turn whatever dicom-parser threw into a typed error; running off the end of the bytes means a truncated file. */
export function toDicomError(thrown: unknown, what: string): DicomError {
  if (thrown instanceof DicomError) return thrown;
  const message = messageOf(thrown);
  if (END_OF_BUFFER.test(message)) {
    return new TruncatedError(`${what}: file ends in the middle of an element (${message})`, { cause: thrown });
  }
  return new MalformedError(`${what}: ${message}`, { cause: thrown });
}

/** (0002,0000) MetaElementGroupLength as explicit VR little endian: tag, 'UL', a 2-byte length of 4, the value. */
const GROUP_LENGTH_HEADER = [0x02, 0x00, 0x00, 0x00, 0x55, 0x4c, 0x04, 0x00];
const GROUP_LENGTH_ELEMENT_BYTES = 12;

/**
 * Where the file meta ends, from its group length when the file starts with one that fits the file. dicom-parser
 * otherwise finds the end by reading elements until one is not group 0002, which reads compressed bytes as an
 * element when the data set is deflated (1 file in about 14 failed so, found by the hostile corpus).
 */
function metaEndFromGroupLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < PREFIX_END + GROUP_LENGTH_ELEMENT_BYTES) return undefined;
  if (GROUP_LENGTH_HEADER.some((b, i) => bytes[PREFIX_END + i] !== b)) return undefined;
  const at = PREFIX_END + 8;
  const length = (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  const end = PREFIX_END + GROUP_LENGTH_ELEMENT_BYTES + length;
  return end <= bytes.length ? end : undefined;
}

/** Undefined lets dicom-parser fall back to peeking for an item tag, which finds undefined-length sequences. */
function vrCallback(tag: string): string | undefined {
  return SEQUENCE_TAGS.has(tag) ? 'SQ' : undefined;
}

/**
 * Parses the file meta (when present) and the data set with dicom-parser's element readers, choosing the transfer
 * syntax ourselves so files without a preamble or without (0002,0010) still parse, and inflating deflated data sets
 * with Node's zlib (at most `maxInflatedBytes`). Stops before `untilTag` when given.
 */
export function readDataSet(input: Uint8Array, untilTag?: string, maxInflatedBytes?: number): RawDataSet {
  const warnings: string[] = [];
  let bytes = input;
  let metaElements: Record<string, Element> = {};
  let position = 0;
  let transferSyntaxUid: string | undefined;

  if (hasDicmPrefix(bytes)) {
    let meta: DataSet & { position?: number };
    try {
      const metaEnd = metaEndFromGroupLength(bytes);
      meta = dicomParser.readPart10Header(metaEnd === undefined ? bytes : bytes.subarray(0, metaEnd));
    } catch (thrown) {
      throw toDicomError(thrown, 'File meta information');
    }
    metaElements = meta.elements;
    position = meta.position ?? PREFIX_END;
    transferSyntaxUid = meta.string(TAG.TransferSyntaxUID);
    if (!transferSyntaxUid) {
      transferSyntaxUid = sniffTransferSyntax(bytes, position);
      warnings.push(`File meta has no TransferSyntaxUID (0002,0010); inferred ${transferSyntaxUid} from the data set`);
    }
  } else {
    transferSyntaxUid = sniffTransferSyntax(bytes, 0);
    warnings.push(`No preamble/file meta; inferred transfer syntax ${transferSyntaxUid} from the first element`);
  }

  const syntax = describeTransferSyntax(transferSyntaxUid);
  if (syntax.deflatedDataSet) bytes = inflateDataSet(bytes, position, maxInflatedBytes);
  const parser = syntax.littleEndian ? dicomParser.littleEndianByteArrayParser : dicomParser.bigEndianByteArrayParser;
  const dataSet = new DataSetCtor(parser, bytes, {});
  dataSet.warnings = [];
  if (position >= bytes.length) {
    warnings.push('No data set follows the file meta information');
    return { dataSet, transferSyntaxUid, warnings };
  }
  const stream = new dicomParser.ByteStream(parser, bytes, position);
  dataSet.warnings = stream.warnings;
  // The typings declare untilTag as required; the implementation treats it as optional.
  const options = { untilTag, vrCallback } as unknown as { untilTag: string; vrCallback: (tag: string) => string };
  try {
    if (syntax.explicitVr) {
      dicomParser.parseDicomDataSetExplicit(dataSet, stream, bytes.length, options);
    } else {
      dicomParser.parseDicomDataSetImplicit(dataSet, stream, bytes.length, options);
    }
  } catch (thrown) {
    if (Object.keys(dataSet.elements).length === 0 && !hasDicmPrefix(input)) {
      throw new NotDicomError(`Not a DICOM file: ${messageOf(thrown)}`, { cause: thrown });
    }
    throw toDicomError(thrown, 'Data set');
  }
  // Meta elements are always explicit little endian; keep their parser with them for later reads.
  for (const [tag, element] of Object.entries(metaElements)) {
    element.parser = dicomParser.littleEndianByteArrayParser;
    dataSet.elements[tag] = element;
  }
  warnings.push(...dataSet.warnings);
  return { dataSet, transferSyntaxUid, warnings };
}
