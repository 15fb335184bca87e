import { deflateRawSync } from 'zlib';
import { encapsulatedPixelData, jpegClaiming, noise, PIXEL_DATA } from './craft-pixel-data';
import { elementValue, encodeRaw, putEncoded, removeElement, setElement, splitMeta } from './edit-part10';

/** One file of a study: its name in the case's folder and its bytes. */
export interface CorpusFile {
  name: string;
  bytes: Buffer;
}

/**
 * What `cacscreen score <dir> --json` must answer for a case. Every case ends with JSON and exit 0: bad data is a
 * rejection whose reason names the problem, or a score that is the control study's own (the change must not move
 * it) with a warning where the data was repaired.
 */
export type HostileExpectation =
  { status: 'rejected'; reason: RegExp } | { status: 'scored'; sameScoreAsControl: true; warning?: RegExp };

export interface HostileCase {
  id: string;
  /** What was changed, in words (the report's second column). */
  change: string;
  /** The case's files, made from the control study's (slice order). */
  files(control: CorpusFile[]): CorpusFile[];
  /** Files a case needs that are written apart: a sparse file takes no room on disk. */
  sparseFiles?: { name: string; bytes: number }[];
  expect: HostileExpectation;
}

const TAG = {
  TransferSyntaxUID: 0x00020010,
  MediaStorageSOPInstanceUID: 0x00020003,
  SOPInstanceUID: 0x00080018,
  Modality: 0x00080060,
  PatientID: 0x00100020,
  SliceThickness: 0x00180050,
  KVP: 0x00180060,
  StudyInstanceUID: 0x0020000d,
  SeriesInstanceUID: 0x0020000e,
  ImagePositionPatient: 0x00200032,
  ImageOrientationPatient: 0x00200037,
  SamplesPerPixel: 0x00280002,
  NumberOfFrames: 0x00280008,
  Rows: 0x00280010,
  Columns: 0x00280011,
  PixelSpacing: 0x00280030,
  BitsAllocated: 0x00280100,
  BitsStored: 0x00280101,
  PixelRepresentation: 0x00280103,
  RescaleIntercept: 0x00281052,
  RescaleSlope: 0x00281053,
  ReferencedImageSequence: 0x00081140,
  StudyDescription: 0x00081030,
} as const;

const us = (value: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
};

type Edit = (bytes: Buffer, index: number) => Buffer;

/** Applies `edit` to every file. */
const everyFile =
  (edit: Edit) =>
  (control: CorpusFile[]): CorpusFile[] =>
    control.map((f, i) => ({ name: f.name, bytes: edit(f.bytes, i) }));

/** Applies `edit` to the file in the middle of the series only. */
const middleFile =
  (edit: Edit) =>
  (control: CorpusFile[]): CorpusFile[] =>
    control.map((f, i) => ({ name: f.name, bytes: i === control.length >> 1 ? edit(f.bytes, i) : f.bytes }));

const set =
  (tag: number, vr: string, value: Buffer | string): Edit =>
  (bytes) =>
    setElement(bytes, tag, vr, value);

/** Re-encodes the pixel data as one encapsulated fragment under another transfer syntax. */
const encapsulated =
  (transferSyntaxUid: string, fragment: (index: number) => Buffer): Edit =>
  (bytes, index) =>
    putEncoded(
      setElement(bytes, TAG.TransferSyntaxUID, 'UI', transferSyntaxUid),
      PIXEL_DATA,
      encapsulatedPixelData([fragment(index)]),
    );

/** A private OB element of `size` zero bytes: nothing a reader needs, everything an inflater must produce. */
function deflateBomb(bytes: Buffer, size: number): Buffer {
  const padded = setElement(bytes, 0x00091010, 'OB', Buffer.alloc(size));
  const { head, body } = splitMeta(setElement(padded, TAG.TransferSyntaxUID, 'UI', '1.2.840.10008.1.2.1.99'));
  return Buffer.concat([head, deflateRawSync(body, { level: 9 })]);
}

/** Sequences inside items inside sequences, `depth` deep, all of undefined length and properly closed. */
function nestedSequences(depth: number): Buffer {
  const open = Buffer.concat([
    encodeRaw(TAG.ReferencedImageSequence, 'SQ', Buffer.alloc(0), 0xffffffff),
    Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff]),
  ]);
  const close = Buffer.from([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return Buffer.concat([...Array<Buffer>(depth).fill(open), ...Array<Buffer>(depth).fill(close)]);
}

const rejected = (reason: RegExp): HostileExpectation => ({ status: 'rejected', reason });
const sameScore = (warning?: RegExp): HostileExpectation => ({ status: 'scored', sameScoreAsControl: true, warning });

const MIB = 1024 * 1024;

/**
 * The hostile-input corpus: each case is the control study with one thing changed, and the outcome it must have.
 * The first cases are the ones issue #13 found (crashes, hangs, silent wrong scores); the rest cover every check
 * of packages/dicom (sizes, plausibility, identifiers, codecs, structure).
 */
export const HOSTILE_CASES: HostileCase[] = [
  { id: 'control', change: 'nothing (the control study)', files: (c) => c, expect: sameScore() },
  // Sizes a header claims.
  {
    id: 'frames-2147483647',
    change: 'NumberOfFrames 2,147,483,647 in one file',
    files: middleFile(set(TAG.NumberOfFrames, 'IS', '2147483647')),
    expect: rejected(/LIMIT_EXCEEDED|TRUNCATED/),
  },
  {
    id: 'rows-columns-65535',
    change: 'Rows = Columns = 65,535 with the real (small) pixel data',
    files: everyFile((b) => setElement(setElement(b, TAG.Rows, 'US', us(65535)), TAG.Columns, 'US', us(65535))),
    expect: rejected(/LIMIT_EXCEEDED/),
  },
  {
    id: 'multiframe-claims-20gb',
    change: 'one file claims 40,000 frames of 512 × 512',
    files: middleFile((b) =>
      setElement(
        setElement(setElement(b, TAG.Rows, 'US', us(512)), TAG.Columns, 'US', us(512)),
        TAG.NumberOfFrames,
        'IS',
        '40000',
      ),
    ),
    expect: rejected(/LIMIT_EXCEEDED|TRUNCATED/),
  },
  {
    id: 'jpeg-header-65535',
    change: 'JPEG extended; each frame header claims 65,535 × 65,535 (DICOM header unchanged)',
    files: everyFile(encapsulated('1.2.840.10008.1.2.4.51', () => jpegClaiming(65535, 65535))),
    expect: rejected(/DECODE_FAILED|LIMIT_EXCEEDED/),
  },
  {
    id: 'jpeg-header-20000',
    change: 'JPEG extended; frame header and DICOM Rows/Columns both 20,000 × 20,000',
    files: everyFile((b, i) =>
      encapsulated('1.2.840.10008.1.2.4.51', () => jpegClaiming(20000, 20000))(
        setElement(setElement(b, TAG.Rows, 'US', us(20000)), TAG.Columns, 'US', us(20000)),
        i,
      ),
    ),
    expect: rejected(/LIMIT_EXCEEDED/),
  },
  {
    id: 'deflate-bomb',
    change: 'deflated data set that inflates to 300 MiB (one file, 300 KiB on disk)',
    files: middleFile((b) => deflateBomb(b, 300 * MIB)),
    expect: rejected(/LIMIT_EXCEEDED/),
  },
  {
    id: 'deflated-32-mib-each',
    change: 'every file deflated, each inflating to 32 MiB (a private element of zeros): valid, under the cap, slow',
    files: everyFile((b) => deflateBomb(b, 32 * MIB)),
    expect: sameScore(),
  },
  {
    id: 'sparse-garbage-file',
    change: 'a sparse 1.9 GB file of zeros beside the study',
    files: (c) => c,
    sparseFiles: [{ name: 'zzz-garbage.dcm', bytes: 1900 * MIB }],
    expect: sameScore(),
  },
  // Physically implausible values.
  ...(
    [
      ['pixel-spacing-0', 'PixelSpacing 0\\0', TAG.PixelSpacing, '0\\0'],
      ['pixel-spacing-negative', 'PixelSpacing -0.7\\-0.7', TAG.PixelSpacing, '-0.7\\-0.7'],
      ['pixel-spacing-1e30', 'PixelSpacing 1e30', TAG.PixelSpacing, '1e30\\1e30'],
      ['pixel-spacing-1e-30', 'PixelSpacing 1e-30', TAG.PixelSpacing, '1e-30\\1e-30'],
      ['rescale-slope-0', 'RescaleSlope 0', TAG.RescaleSlope, '0'],
      ['rescale-slope-negative', 'RescaleSlope -1', TAG.RescaleSlope, '-1'],
      ['rescale-slope-1e30', 'RescaleSlope 1e30', TAG.RescaleSlope, '1e30'],
      ['rescale-intercept-1e30', 'RescaleIntercept 1e30', TAG.RescaleIntercept, '1e30'],
      ['rescale-intercept-nan', 'RescaleIntercept NaN', TAG.RescaleIntercept, 'NaN'],
      ['rescale-intercept-text', 'RescaleIntercept "abc"', TAG.RescaleIntercept, 'abc'],
      ['hu-range-implausible', 'RescaleIntercept -30000 (every voxel far below air)', TAG.RescaleIntercept, '-30000'],
    ] as const
  ).map(([id, change, tag, value]): HostileCase => ({
    id,
    change,
    files: everyFile(set(tag, 'DS', value)),
    expect: rejected(/IMPLAUSIBLE_VALUE|INVALID_VALUE/),
  })),
  {
    id: 'bits-allocated-1',
    change: 'BitsAllocated 1',
    files: everyFile(set(TAG.BitsAllocated, 'US', us(1))),
    expect: rejected(/INVALID_VALUE|IMPLAUSIBLE_VALUE|INCONSISTENT_SERIES/),
  },
  {
    id: 'bits-stored-over-allocated',
    change: 'BitsStored 20 with BitsAllocated 16',
    files: everyFile(set(TAG.BitsStored, 'US', us(20))),
    expect: rejected(/INVALID_VALUE|IMPLAUSIBLE_VALUE/),
  },
  {
    id: 'pixel-representation-mixed',
    change: 'PixelRepresentation flipped (signed ↔ unsigned) in every other file',
    files: everyFile((b, i) => {
      const signed = elementValue(b, TAG.PixelRepresentation)?.readUInt16LE(0) ?? 0;
      return i % 2 ? setElement(b, TAG.PixelRepresentation, 'US', us(1 - signed)) : b;
    }),
    expect: rejected(/INCONSISTENT_SERIES/),
  },
  {
    id: 'slice-thickness-negative',
    change: 'SliceThickness -3',
    files: everyFile(set(TAG.SliceThickness, 'DS', '-3')),
    expect: sameScore(/SliceThickness/),
  },
  {
    id: 'samples-per-pixel-3',
    change: 'SamplesPerPixel 3 (colour) with greyscale data',
    files: everyFile(set(TAG.SamplesPerPixel, 'US', us(3))),
    expect: rejected(/INVALID_VALUE|TRUNCATED/),
  },
  {
    id: 'rows-0',
    change: 'Rows 0',
    files: everyFile(set(TAG.Rows, 'US', us(0))),
    expect: rejected(/INVALID_VALUE|MISSING_TAG|LIMIT_EXCEEDED/),
  },
  {
    id: 'kvp-text',
    change: 'KVP "abc"',
    files: everyFile(set(TAG.KVP, 'DS', 'abc')),
    expect: sameScore(),
  },
  // Identifiers.
  {
    id: 'study-uid-path-traversal',
    change: 'StudyInstanceUID "1.2.3/../../etc/passwd" and a newline',
    files: everyFile(set(TAG.StudyInstanceUID, 'UI', '1.2.3/../../etc/passwd\n')),
    expect: rejected(/INVALID_IDENTIFIER/),
  },
  {
    id: 'series-uid-65-chars',
    change: 'SeriesInstanceUID of 65 characters',
    files: everyFile(set(TAG.SeriesInstanceUID, 'UI', `1.${'2'.repeat(63)}`)),
    expect: rejected(/INVALID_IDENTIFIER/),
  },
  {
    id: 'sop-uid-letters',
    change: 'SOPInstanceUID with letters in one file',
    files: middleFile((b) =>
      setElement(
        setElement(b, TAG.SOPInstanceUID, 'UI', '1.2.abc.4'),
        TAG.MediaStorageSOPInstanceUID,
        'UI',
        '1.2.abc.4',
      ),
    ),
    expect: rejected(/INVALID_IDENTIFIER|SLICE_GAP/),
  },
  {
    id: 'patient-id-nul',
    change: 'a NUL and a newline inside PatientID',
    files: everyFile(set(TAG.PatientID, 'LO', 'PAT\u0000IE\nNT')),
    expect: sameScore(/control character/i),
  },
  {
    id: 'duplicate-sop-different-pixels',
    change: 'a second file with the SOPInstanceUID of one slice and other pixels',
    files: (c) => {
      const source = c[c.length >> 1];
      const pixels = elementValue(source.bytes, PIXEL_DATA) ?? Buffer.alloc(0);
      const other = setElement(
        source.bytes,
        PIXEL_DATA,
        'OW',
        Buffer.from(pixels.map((v, i) => (i % 2 ? v : 255 - v))),
      );
      return [...c, { name: `${source.name.replace(/\.dcm$/, '')}-copy.dcm`, bytes: other }];
    },
    expect: rejected(/DUPLICATE_INSTANCE/),
  },
  {
    id: 'duplicate-sop-identical',
    change: 'a byte-identical copy of one slice under another file name',
    files: (c) => {
      const source = c[c.length >> 1];
      return [...c, { name: `${source.name.replace(/\.dcm$/, '')}-copy.dcm`, bytes: source.bytes }];
    },
    expect: sameScore(),
  },
  // Structure.
  {
    id: 'pixel-data-truncated',
    change: 'one file cut in the middle of its pixel data',
    files: middleFile((b) => b.subarray(0, b.length - 4000)),
    expect: rejected(/TRUNCATED|SLICE_GAP/),
  },
  {
    id: 'pixel-data-short-by-2',
    change: 'every file 2 bytes short of its pixel data',
    files: everyFile((b) => b.subarray(0, b.length - 2)),
    expect: rejected(/TRUNCATED/),
  },
  {
    id: 'header-truncated',
    change: 'one file cut to its first 200 bytes',
    files: middleFile((b) => b.subarray(0, 200)),
    expect: rejected(/SLICE_GAP|TRUNCATED/),
  },
  {
    id: 'element-length-beyond-file',
    change: 'an element whose length (2 GiB) runs past the end of the file',
    files: everyFile((b) =>
      putEncoded(b, TAG.StudyDescription, encodeRaw(TAG.StudyDescription, 'UN', Buffer.from('CHEST'), 0x7ffffff0)),
    ),
    expect: rejected(/TRUNCATED|MALFORMED|No DICOM/),
  },
  {
    id: 'sequence-unclosed',
    change: 'a sequence of undefined length that is never closed',
    files: everyFile((b) =>
      putEncoded(
        b,
        TAG.ReferencedImageSequence,
        encodeRaw(
          TAG.ReferencedImageSequence,
          'SQ',
          Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff]),
          0xffffffff,
        ),
      ),
    ),
    expect: rejected(/TRUNCATED|MALFORMED|No DICOM/),
  },
  {
    id: 'sequences-nested-20000-deep',
    change: 'sequences nested 20,000 deep',
    files: everyFile((b) => putEncoded(b, TAG.ReferencedImageSequence, nestedSequences(20000))),
    expect: rejected(/MALFORMED|LIMIT_EXCEEDED|No DICOM/),
  },
  {
    id: 'rows-missing',
    change: 'Rows removed',
    files: everyFile((b) => removeElement(b, TAG.Rows)),
    expect: rejected(/MISSING_TAG/),
  },
  {
    id: 'position-missing',
    change: 'ImagePositionPatient removed',
    files: everyFile((b) => removeElement(b, TAG.ImagePositionPatient)),
    expect: rejected(/MISSING_TAG|ImagePositionPatient/),
  },
  {
    id: 'orientation-zero',
    change: 'ImageOrientationPatient all zeros',
    files: everyFile(set(TAG.ImageOrientationPatient, 'DS', '0\\0\\0\\0\\0\\0')),
    expect: rejected(/not two unit vectors at right angles/),
  },
  {
    id: 'orientation-sagittal',
    change: 'ImageOrientationPatient of a sagittal stack',
    files: everyFile(set(TAG.ImageOrientationPatient, 'DS', '0\\1\\0\\0\\0\\-1')),
    expect: rejected(/NOT_AXIAL|sagittal/i),
  },
  {
    id: 'slice-gap',
    change: 'three slices in the middle removed',
    files: (c) => c.filter((_, i) => Math.abs(i - (c.length >> 1)) > 1),
    expect: rejected(/SLICE_GAP/),
  },
  {
    id: 'modality-mr',
    change: 'Modality MR',
    files: everyFile(set(TAG.Modality, 'CS', 'MR')),
    expect: rejected(/No eligible series/),
  },
  {
    id: 'not-dicom',
    change: 'every file replaced by noise of its own size',
    files: (c) => c.map((f, i) => ({ name: f.name, bytes: noise(f.bytes.length, i + 1) })),
    expect: rejected(/No DICOM study/),
  },
  {
    id: 'empty-files',
    change: 'every file empty',
    files: (c) => c.map((f) => ({ name: f.name, bytes: Buffer.alloc(0) })),
    expect: rejected(/No DICOM study/),
  },
  // Codecs.
  {
    id: 'transfer-syntax-unknown',
    change: 'TransferSyntaxUID 1.2.3.4.5.6 (no such syntax)',
    files: everyFile(set(TAG.TransferSyntaxUID, 'UI', '1.2.3.4.5.6')),
    expect: rejected(/UNSUPPORTED_TRANSFER_SYNTAX/),
  },
  ...(
    [
      ['jpeg-baseline-noise', 'JPEG baseline', '1.2.840.10008.1.2.4.50'],
      ['jpeg-lossless-noise', 'JPEG lossless', '1.2.840.10008.1.2.4.70'],
      ['jpeg-ls-noise', 'JPEG-LS', '1.2.840.10008.1.2.4.80'],
      ['jpeg-2000-noise', 'JPEG 2000', '1.2.840.10008.1.2.4.90'],
      ['rle-noise', 'RLE', '1.2.840.10008.1.2.5'],
    ] as const
  ).map(([id, name, uid]): HostileCase => ({
    id,
    change: `${name}, each fragment 4 KiB of noise`,
    files: everyFile(encapsulated(uid, (i) => noise(4096, 1000 + i))),
    expect: rejected(/DECODE_FAILED|MALFORMED|TRUNCATED/),
  })),
];
