/**
 * Reading the DICOM JSON model (PS3.18 Annex F) that QIDO-RS and WADO-RS metadata return: one object per data set,
 * keyed by eight upper-case hex digits, each attribute `{ vr, Value?: [...] }`. Numbers may come as JSON numbers or
 * as strings (DS/IS); person names as `{ Alphabetic }`; sequences as arrays of nested data sets.
 */
import type { FrameGeometry, Vec3 } from '../../parse/dicom-instance';
import { describeCardiacGating } from '../../parse/describe-cardiac-gating';
import type { SummaryFields } from '../summarize-series';

export interface DicomJsonAttribute {
  vr?: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

export type DicomJsonDataSet = Record<string, DicomJsonAttribute | undefined>;

/** Tags as DICOM JSON keys. */
export const JSON_TAG = {
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  ImageType: '00080008',
  Modality: '00080060',
  Manufacturer: '00080070',
  SeriesDescription: '0008103E',
  AvailableTransferSyntaxUID: '00083002',
  TransferSyntaxUID: '00020010',
  PatientID: '00100020',
  ContrastBolusAgent: '00180010',
  ContrastBolusAgentSequence: '00180012',
  ScanOptions: '00180022',
  TriggerTime: '00181060',
  HeartRate: '00181088',
  CardiacSynchronizationTechnique: '00189037',
  CardiacSynchronizationSequence: '00189118',
  NominalPercentageOfCardiacPhase: '00209241',
  BodyPartExamined: '00180015',
  SliceThickness: '00180050',
  KVP: '00180060',
  GantryDetectorTilt: '00181120',
  ConvolutionKernel: '00181210',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  ImagePositionPatient: '00200032',
  ImageOrientationPatient: '00200037',
  FrameOfReferenceUID: '00200052',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  PixelSpacing: '00280030',
  NumberOfSeriesRelatedInstances: '00201209',
  PlanePositionSequence: '00209113',
  PlaneOrientationSequence: '00209116',
  PixelMeasuresSequence: '00289110',
  SharedFunctionalGroupsSequence: '52009229',
  PerFrameFunctionalGroupsSequence: '52009230',
  CodeMeaning: '00080104',
  CTReconstructionSequence: '00189314',
  CTXRayDetailsSequence: '00189325',
} as const;

export function isDataSet(value: unknown): value is DicomJsonDataSet {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function values(ds: DicomJsonDataSet | undefined, tag: string): unknown[] {
  const attribute = ds?.[tag];
  return Array.isArray(attribute?.Value) ? attribute.Value : [];
}

/** All string values (person names as their alphabetic form), trimmed; empty values dropped. */
export function jsonStrings(ds: DicomJsonDataSet | undefined, tag: string): string[] {
  const out: string[] = [];
  for (const v of values(ds, tag)) {
    const text =
      typeof v === 'string'
        ? v
        : typeof v === 'number'
          ? String(v)
          : isDataSet(v) && typeof (v as { Alphabetic?: unknown }).Alphabetic === 'string'
            ? (v as { Alphabetic: string }).Alphabetic
            : undefined;
    if (text !== undefined && text.trim() !== '') out.push(text.trim());
  }
  return out;
}

export function jsonString(ds: DicomJsonDataSet | undefined, tag: string): string | undefined {
  return jsonStrings(ds, tag)[0];
}

/** All numeric values; strings are parsed (DS/IS), anything unparsable is dropped. */
export function jsonNumbers(ds: DicomJsonDataSet | undefined, tag: string): number[] {
  const out: number[] = [];
  for (const v of values(ds, tag)) {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) out.push(n);
  }
  return out;
}

export function jsonNumber(ds: DicomJsonDataSet | undefined, tag: string): number | undefined {
  return jsonNumbers(ds, tag)[0];
}

/** The items of a sequence attribute. */
export function jsonItems(ds: DicomJsonDataSet | undefined, tag: string): DicomJsonDataSet[] {
  return values(ds, tag).filter(isDataSet);
}

function vec3(ds: DicomJsonDataSet | undefined, tag: string): Vec3 | undefined {
  const v = jsonNumbers(ds, tag);
  return v.length >= 3 ? [v[0], v[1], v[2]] : undefined;
}

function orientation(
  ds: DicomJsonDataSet | undefined,
  tag: string,
): [number, number, number, number, number, number] | undefined {
  const v = jsonNumbers(ds, tag);
  return v.length >= 6 ? [v[0], v[1], v[2], v[3], v[4], v[5]] : undefined;
}

function pair(ds: DicomJsonDataSet | undefined, tag: string): [number, number] | undefined {
  const v = jsonNumbers(ds, tag);
  return v.length >= 2 ? [v[0], v[1]] : undefined;
}

function contrastAgent(ds: DicomJsonDataSet): string | undefined {
  const agent = jsonString(ds, JSON_TAG.ContrastBolusAgent);
  if (agent) return agent;
  const coded = jsonItems(ds, JSON_TAG.ContrastBolusAgentSequence)[0];
  if (coded) return jsonString(coded, JSON_TAG.CodeMeaning) ?? 'contrast agent (coded)';
  return undefined;
}

/** Geometry of one Enhanced CT frame: the shared functional groups overlaid with the frame's own groups. */
function frameGeometry(groups: (DicomJsonDataSet | undefined)[]): FrameGeometry {
  const frame: FrameGeometry = {};
  for (const group of groups) {
    const position = vec3(jsonItems(group, JSON_TAG.PlanePositionSequence)[0], JSON_TAG.ImagePositionPatient);
    const iop = orientation(jsonItems(group, JSON_TAG.PlaneOrientationSequence)[0], JSON_TAG.ImageOrientationPatient);
    const measures = jsonItems(group, JSON_TAG.PixelMeasuresSequence)[0];
    if (position) frame.imagePositionPatient = position;
    if (iop) frame.imageOrientationPatient = iop;
    const spacing = pair(measures, JSON_TAG.PixelSpacing);
    if (spacing) frame.pixelSpacing = spacing;
    const thickness = jsonNumber(measures, JSON_TAG.SliceThickness);
    if (thickness !== undefined) frame.sliceThickness = thickness;
  }
  return frame;
}

/**
 * The summary fields of one instance from its DICOM JSON. The transfer syntax is rarely in metadata (group 0002
 * is not part of it); it is '' when unknown.
 */
export function summaryFieldsFromJson(ds: DicomJsonDataSet): SummaryFields {
  const numberOfFrames = Math.max(1, Math.floor(jsonNumber(ds, JSON_TAG.NumberOfFrames) ?? 1));
  const perFrame = jsonItems(ds, JSON_TAG.PerFrameFunctionalGroupsSequence);
  const shared = jsonItems(ds, JSON_TAG.SharedFunctionalGroupsSequence)[0];
  const frames = perFrame.length > 0 ? perFrame.map((group) => frameGeometry([shared, group])) : undefined;
  const sharedGeometry = shared ? frameGeometry([shared]) : undefined;
  // Enhanced CT keeps kernel and kVp in functional groups: shared first, else the first frame's.
  const group = (tag: string) => jsonItems(shared, tag)[0] ?? jsonItems(perFrame[0], tag)[0];
  const kernel = (d: DicomJsonDataSet | undefined) =>
    jsonStrings(d, JSON_TAG.ConvolutionKernel).join('\\') || undefined;
  return {
    modality: jsonString(ds, JSON_TAG.Modality),
    seriesDescription: jsonString(ds, JSON_TAG.SeriesDescription),
    seriesNumber: jsonNumber(ds, JSON_TAG.SeriesNumber),
    imageType: jsonStrings(ds, JSON_TAG.ImageType).map((v) => v.toUpperCase()),
    sopClassUid: jsonString(ds, JSON_TAG.SOPClassUID),
    transferSyntaxUid:
      jsonString(ds, JSON_TAG.TransferSyntaxUID) ?? jsonString(ds, JSON_TAG.AvailableTransferSyntaxUID) ?? '',
    rows: jsonNumber(ds, JSON_TAG.Rows),
    columns: jsonNumber(ds, JSON_TAG.Columns),
    pixelSpacing: pair(ds, JSON_TAG.PixelSpacing) ?? sharedGeometry?.pixelSpacing ?? frames?.[0]?.pixelSpacing,
    sliceThickness: jsonNumber(ds, JSON_TAG.SliceThickness) ?? sharedGeometry?.sliceThickness,
    convolutionKernel: kernel(ds) ?? kernel(group(JSON_TAG.CTReconstructionSequence)),
    contrastBolusAgent: contrastAgent(ds),
    kvp: jsonNumber(ds, JSON_TAG.KVP) ?? jsonNumber(group(JSON_TAG.CTXRayDetailsSequence), JSON_TAG.KVP),
    manufacturer: jsonString(ds, JSON_TAG.Manufacturer),
    bodyPartExamined: jsonString(ds, JSON_TAG.BodyPartExamined),
    gantryDetectorTilt: jsonNumber(ds, JSON_TAG.GantryDetectorTilt),
    frameOfReferenceUid: jsonString(ds, JSON_TAG.FrameOfReferenceUID),
    cardiacGating: describeCardiacGating({
      synchronizationTechnique: jsonString(ds, JSON_TAG.CardiacSynchronizationTechnique),
      triggerTime: jsonNumber(ds, JSON_TAG.TriggerTime),
      cardiacPhasePercent:
        jsonNumber(ds, JSON_TAG.NominalPercentageOfCardiacPhase) ??
        jsonNumber(group(JSON_TAG.CardiacSynchronizationSequence), JSON_TAG.NominalPercentageOfCardiacPhase),
      scanOptions: jsonStrings(ds, JSON_TAG.ScanOptions).join('\\') || undefined,
      heartRate: jsonNumber(ds, JSON_TAG.HeartRate),
    }),
    imageOrientationPatient: orientation(ds, JSON_TAG.ImageOrientationPatient),
    imagePositionPatient: vec3(ds, JSON_TAG.ImagePositionPatient),
    numberOfFrames,
    frames,
  };
}
