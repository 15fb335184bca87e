import type { DicomLimits } from '../limits';
import type { TransferSyntaxInfo } from './transfer-syntaxes';

export type Vec3 = [number, number, number];

/** Geometry and value mapping of one frame: from the top-level attributes, or an Enhanced CT per-frame group. */
export interface FrameGeometry {
  imagePositionPatient?: Vec3;
  /** Row direction cosines then column direction cosines. */
  imageOrientationPatient?: [number, number, number, number, number, number];
  /** [row spacing (between rows), column spacing (between columns)] in mm, as DICOM orders PixelSpacing. */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** CT Image Frame Type (0008,9007) of an enhanced frame, or ImageType for a single-frame image. */
  frameType?: string[];
}

/** Modality LUT (0028,3000) as given; used when there is no RescaleSlope/Intercept (e.g. some older CT). */
export interface ModalityLut {
  /** Number of entries. */
  entries: number;
  /** Stored value mapped to the first entry; smaller values clamp to it. */
  firstStoredValue: number;
  bitsPerEntry: number;
  data: number[];
}

/** Where the pixel data sits in the retained bytes (absent when headers only, or when the file has none). */
export interface PixelDataLocation {
  /** The whole (inflated, for deflated syntax) data set bytes. */
  bytes: Uint8Array;
  offset: number;
  length: number;
  encapsulated: boolean;
  /** VR of (7FE0,0010) when explicit: OW 8-bit data in big endian is byte-swapped in 16-bit words. */
  vr?: string;
  /**
   * Encapsulated: each fragment's offset relative to the first fragment item (the Basic Offset Table's origin), its
   * absolute data position in `bytes`, and its length.
   */
  fragments: { offset: number; position: number; length: number; truncated: boolean }[];
  basicOffsetTable: number[];
  /** Native pixel data: the declared length ran past the end of the file. */
  truncated: boolean;
}

/**
 * One parsed DICOM instance: typed header fields (undefined when absent or empty) and, unless parsed headers-only,
 * the location of its pixel data for decodeFrame. Holds a reference to the file bytes only when pixels are kept.
 */
export interface DicomInstance {
  sopInstanceUid?: string;
  sopClassUid?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  frameOfReferenceUid?: string;
  patientId?: string;
  patientSex?: string;
  /** DA string as stored, YYYYMMDD. */
  patientBirthDate?: string;
  /** AS string as stored, e.g. 063Y. */
  patientAge?: string;
  studyDate?: string;
  /** TM strings as stored (HHMMSS.FFFFFF). */
  studyTime?: string;
  seriesDate?: string;
  seriesTime?: string;
  accessionNumber?: string;
  /** StudyID (0020,0010): the scanner's study number. */
  studyId?: string;
  modality?: string;
  manufacturer?: string;
  /** InstitutionName (0008,0080): where the study was acquired (the patient's site). */
  institutionName?: string;
  bodyPartExamined?: string;
  studyDescription?: string;
  seriesDescription?: string;
  seriesNumber?: number;
  imageType: string[];
  transferSyntaxUid: string;
  transferSyntax: TransferSyntaxInfo;
  rows?: number;
  columns?: number;
  samplesPerPixel: number;
  photometricInterpretation?: string;
  planarConfiguration: number;
  bitsAllocated?: number;
  bitsStored?: number;
  pixelRepresentation: number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  modalityLut?: ModalityLut;
  pixelPaddingValue?: number;
  pixelPaddingRangeLimit?: number;
  imagePositionPatient?: Vec3;
  imageOrientationPatient?: [number, number, number, number, number, number];
  /** [row spacing, column spacing] mm. */
  pixelSpacing?: [number, number];
  sliceThickness?: number;
  kvp?: number;
  convolutionKernel?: string;
  /** ContrastBolusAgent (0018,0010), or a code meaning from ContrastBolusAgentSequence. */
  contrastBolusAgent?: string;
  instanceNumber?: number;
  numberOfFrames: number;
  gantryDetectorTilt?: number;
  /**
   * The attribute showing that the acquisition was ECG-gated (CardiacSynchronizationTechnique, TriggerTime, cardiac
   * phase, ScanOptions, HeartRate), in words, e.g. "TriggerTime 350 ms"; undefined when nothing says so.
   */
  cardiacGating?: string;
  /** Enhanced multi-frame: geometry of each frame (shared groups merged with per-frame groups). */
  frames?: FrameGeometry[];
  hasPixelData: boolean;
  pixelData?: PixelDataLocation;
  /** Recoverable oddities met while parsing. */
  warnings: string[];
  /** Rescale, spacing or thickness attributes that have a value which is not a number (checked before scoring). */
  unparsableNumbers?: string[];
  /** Set when `tolerateTruncatedPixels` let a header through whose pixel data the file cannot hold. */
  truncatedPixelData?: string;
}

export interface ParseOptions {
  /** Stop before (7FE0,0010): for indexing; decodeFrame then refuses the instance. */
  headersOnly?: boolean;
  /** Length of the whole file when only its first bytes are given (header probes); sizes are checked against it. */
  fileLength?: number;
  /** Size limits (limits.ts); the defaults when absent. */
  limits?: Partial<DicomLimits>;
  /**
   * Report pixel data shorter than the header announces in `truncatedPixelData` instead of throwing TRUNCATED.
   * Indexing uses it so that a cut-off file still belongs to its study, which is then rejected with the reason
   * when its pixels are read, rather than vanishing from the sweep.
   */
  tolerateTruncatedPixels?: boolean;
}
