/** What the sweep sees of a study: identifiers only, no pixel data and no names. */
export interface StudyRef {
  studyInstanceUid: string;
  patientId: string | null;
  studyDate: string | null;
}

/** A file that could not be used, and why (the DicomError code and message, or the I/O error). */
export interface UnreadableFile {
  path: string;
  reason: string;
  code?: string;
}

/** Header facts about one series, enough to choose a series without reading pixels. */
export interface SeriesSummary {
  seriesInstanceUid: string;
  modality: string | null;
  seriesDescription: string | null;
  seriesNumber: number | null;
  /** Paths of the series' files, sorted. */
  files: string[];
  /** Slices: frames summed over files (Enhanced CT has many per file). */
  sliceCount: number;
  /** ImageType values of the first instance, upper case. */
  imageType: string[];
  sopClassUid: string | null;
  transferSyntaxUids: string[];
  rows: number | null;
  columns: number | null;
  /** [row spacing, column spacing] mm. */
  pixelSpacing: [number, number] | null;
  /** Median SliceThickness over the instances; null when no instance has one. */
  sliceThicknessMm: number | null;
  convolutionKernel: string | null;
  contrastBolusAgent: string | null;
  kvp: number | null;
  manufacturer: string | null;
  bodyPartExamined: string | null;
  gantryDetectorTilt: number | null;
  /** Which attribute shows the scan was ECG-gated (e.g. "TriggerTime 350 ms"); null when none does. */
  cardiacGating: string | null;
  /** FrameOfReferenceUID of the first instance, or one derived from the series (see `warnings`); null if unknown. */
  frameOfReferenceUid: string | null;
  /** ImageOrientationPatient of the first slice. */
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  /** False when the slices do not share one orientation. */
  orientationConsistent: boolean;
  /** Distance between the first and last slice centres along the slice normal (mm); 0 for one slice. */
  zRangeMm: number;
  /** Slices (frames) whose ImagePositionPatient is missing: such a series cannot be stacked. */
  slicesWithoutPosition: number;
  /** What a reader should know about this series' headers, e.g. UIDs derived because the files lack them. */
  warnings: string[];
}

export interface IndexedStudy extends StudyRef {
  series: SeriesSummary[];
  /** Files that belong to this study but could not be placed in a series (e.g. no SeriesInstanceUID). */
  unreadable: UnreadableFile[];
  /** What a reader should know about the study's headers, e.g. a StudyInstanceUID derived from its content. */
  warnings: string[];
}

export interface FolderIndex {
  studies: IndexedStudy[];
  /** Files that are not readable DICOM (with the reason), or DICOM that is not an image (DICOMDIR, reports). */
  unreadable: UnreadableFile[];
}

export interface IndexProgress {
  filesSeen: number;
  filesIndexed: number;
  unreadable: number;
  path: string;
}

/** A place studies come from: a folder or a DICOMweb server. Pages are stable: the same cursor gives the same page. */
export interface ArchiveSource {
  /**
   * Checks, quickly and without listing it, that the archive can be swept: a folder exists and can be read; a
   * DICOMweb service answers a one-study search. Throws a DicomError saying why not.
   */
  probe(): Promise<void>;
  listStudies(cursor: string | null, pageSize: number): Promise<{ studies: StudyRef[]; nextCursor: string | null }>;
  getStudy(studyInstanceUid: string): Promise<IndexedStudy>;
  /**
   * Makes the files of one series local and returns their paths (the series' `files`). A folder's files already
   * are; a DICOMweb source fetches them into its cache. Call it before reading pixels.
   */
  fetchSeries(studyInstanceUid: string, seriesInstanceUid: string): Promise<string[]>;
}
