import type { DicomInstance, Vec3 } from '../parse/dicom-instance';
import { describeTransferSyntax } from '../parse/transfer-syntaxes';

export interface SyntheticSlice {
  z?: number;
  position?: Vec3;
  instanceNumber?: number;
  /** Stored values, row-major; length rows*columns. */
  values?: number[];
  rows?: number;
  columns?: number;
  orientation?: DicomInstance['imageOrientationPatient'];
  overrides?: Partial<DicomInstance>;
}

/** A classic single-frame CT instance with native little-endian int16 pixels, built in memory. */
export function syntheticSlice(s: SyntheticSlice): DicomInstance {
  const rows = s.rows ?? 2;
  const columns = s.columns ?? 2;
  const values = s.values ?? new Array(rows * columns).fill(s.instanceNumber ?? 0);
  const bytes = new Uint8Array(new Int16Array(values).buffer);
  return {
    sopInstanceUid: `1.2.3.${s.instanceNumber ?? 0}`,
    seriesInstanceUid: '1.2.3',
    studyInstanceUid: '1.2',
    modality: 'CT',
    imageType: ['ORIGINAL', 'PRIMARY', 'AXIAL'],
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    transferSyntax: describeTransferSyntax('1.2.840.10008.1.2.1'),
    rows,
    columns,
    samplesPerPixel: 1,
    planarConfiguration: 0,
    bitsAllocated: 16,
    bitsStored: 16,
    pixelRepresentation: 1,
    rescaleSlope: 1,
    rescaleIntercept: 0,
    imagePositionPatient: s.position ?? [0, 0, s.z ?? 0],
    imageOrientationPatient: s.orientation ?? [1, 0, 0, 0, 1, 0],
    pixelSpacing: [0.5, 0.7],
    sliceThickness: 1,
    instanceNumber: s.instanceNumber,
    numberOfFrames: 1,
    hasPixelData: true,
    pixelData: {
      bytes,
      offset: 0,
      length: bytes.length,
      encapsulated: false,
      fragments: [],
      basicOffsetTable: [],
      truncated: false,
    },
    warnings: [],
    ...s.overrides,
  };
}
