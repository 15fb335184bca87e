import type { DataSet } from 'dicom-parser';
import type { DicomInstance, Vec3 } from './dicom-instance';
import { firstItem, readInt16, readNumber, readString, readStrings, readUint16, readVec } from './element-values';
import { describeCardiacGating } from './describe-cardiac-gating';
import { readFrameGeometry } from './read-frame-geometry';
import { readModalityLut } from './read-modality-lut';
import { TAG } from './tags';

/** Code Meaning (0008,0104) inside a code sequence item. */
const CODE_MEANING = 'x00080104';

type HeaderFields = Omit<DicomInstance, 'transferSyntaxUid' | 'transferSyntax' | 'pixelData' | 'warnings'>;

/** The first item of an enhanced-CT macro sequence, looked up in shared groups then in the top level. */
function enhancedItem(ds: DataSet, tag: string): DataSet | undefined {
  const shared = firstItem(ds, TAG.SharedFunctionalGroupsSequence);
  const perFrame = ds.elements[TAG.PerFrameFunctionalGroupsSequence]?.items?.[0]?.dataSet;
  return firstItem(shared, tag) ?? firstItem(perFrame, tag) ?? firstItem(ds, tag);
}

function readContrastAgent(ds: DataSet): string | undefined {
  const agent = readString(ds, TAG.ContrastBolusAgent);
  if (agent) return agent;
  const coded = firstItem(ds, TAG.ContrastBolusAgentSequence);
  if (coded) return readString(coded, CODE_MEANING) ?? 'contrast agent (coded)';
  return undefined;
}

function readCardiacGating(ds: DataSet): string | undefined {
  // Enhanced CT: the Cardiac Synchronization functional group carries the phase.
  const sync = enhancedItem(ds, TAG.CardiacSynchronizationSequence);
  return describeCardiacGating({
    synchronizationTechnique: readString(ds, TAG.CardiacSynchronizationTechnique),
    triggerTime: readNumber(ds, TAG.TriggerTime),
    cardiacPhasePercent:
      readNumber(ds, TAG.NominalPercentageOfCardiacPhase) ??
      (sync && readNumber(sync, TAG.NominalPercentageOfCardiacPhase)),
    scanOptions: readStrings(ds, TAG.ScanOptions).join('\\') || undefined,
    heartRate: readNumber(ds, TAG.HeartRate),
  });
}

/** Reads the typed header fields the pipeline needs; absent or empty attributes are left undefined. */
export function readHeaderFields(ds: DataSet): HeaderFields {
  const pixelRepresentation = readUint16(ds, TAG.PixelRepresentation) ?? 0;
  const numberOfFrames = Math.max(1, Math.trunc(readNumber(ds, TAG.NumberOfFrames) ?? 1));
  const frames = readFrameGeometry(ds, numberOfFrames);
  const first = frames?.[0];
  const padding =
    pixelRepresentation === 1 ? readInt16(ds, TAG.PixelPaddingValue) : readUint16(ds, TAG.PixelPaddingValue);
  const paddingLimit =
    pixelRepresentation === 1 ? readInt16(ds, TAG.PixelPaddingRangeLimit) : readUint16(ds, TAG.PixelPaddingRangeLimit);
  const acquisition = enhancedItem(ds, TAG.CTAcquisitionDetailsSequence);
  const xray = enhancedItem(ds, TAG.CTXRayDetailsSequence);
  const reconstruction = enhancedItem(ds, TAG.CTReconstructionSequence);
  const ipp = readVec(ds, TAG.ImagePositionPatient, 3) as Vec3 | undefined;
  const iop = readVec(ds, TAG.ImageOrientationPatient, 6) as DicomInstance['imageOrientationPatient'];
  const spacing = readVec(ds, TAG.PixelSpacing, 2) as [number, number] | undefined;
  return {
    sopInstanceUid: readString(ds, TAG.SOPInstanceUID),
    sopClassUid: readString(ds, TAG.SOPClassUID),
    studyInstanceUid: readString(ds, TAG.StudyInstanceUID),
    seriesInstanceUid: readString(ds, TAG.SeriesInstanceUID),
    frameOfReferenceUid: readString(ds, TAG.FrameOfReferenceUID),
    patientId: readString(ds, TAG.PatientID),
    patientSex: readString(ds, TAG.PatientSex),
    patientBirthDate: readString(ds, TAG.PatientBirthDate),
    patientAge: readString(ds, TAG.PatientAge),
    studyDate: readString(ds, TAG.StudyDate),
    studyTime: readString(ds, TAG.StudyTime),
    seriesDate: readString(ds, TAG.SeriesDate),
    seriesTime: readString(ds, TAG.SeriesTime),
    accessionNumber: readString(ds, TAG.AccessionNumber),
    studyId: readString(ds, TAG.StudyID),
    modality: readString(ds, TAG.Modality),
    manufacturer: readString(ds, TAG.Manufacturer),
    institutionName: readString(ds, TAG.InstitutionName),
    bodyPartExamined: readString(ds, TAG.BodyPartExamined),
    studyDescription: readString(ds, TAG.StudyDescription),
    seriesDescription: readString(ds, TAG.SeriesDescription),
    seriesNumber: readNumber(ds, TAG.SeriesNumber),
    imageType: readStrings(ds, TAG.ImageType).map((s) => s.toUpperCase()),
    rows: readUint16(ds, TAG.Rows),
    columns: readUint16(ds, TAG.Columns),
    samplesPerPixel: readUint16(ds, TAG.SamplesPerPixel) ?? 1,
    photometricInterpretation: readString(ds, TAG.PhotometricInterpretation),
    planarConfiguration: readUint16(ds, TAG.PlanarConfiguration) ?? 0,
    bitsAllocated: readUint16(ds, TAG.BitsAllocated),
    bitsStored: readUint16(ds, TAG.BitsStored),
    pixelRepresentation,
    rescaleSlope: readNumber(ds, TAG.RescaleSlope) ?? first?.rescaleSlope,
    rescaleIntercept: readNumber(ds, TAG.RescaleIntercept) ?? first?.rescaleIntercept,
    modalityLut: readModalityLut(ds, pixelRepresentation),
    pixelPaddingValue: padding,
    pixelPaddingRangeLimit: paddingLimit,
    imagePositionPatient: ipp ?? first?.imagePositionPatient,
    imageOrientationPatient: iop ?? first?.imageOrientationPatient,
    pixelSpacing: spacing ?? first?.pixelSpacing,
    sliceThickness: readNumber(ds, TAG.SliceThickness) ?? first?.sliceThickness,
    kvp:
      readNumber(ds, TAG.KVP) ??
      (xray && readNumber(xray, TAG.KVP)) ??
      (acquisition && readNumber(acquisition, TAG.KVP)),
    convolutionKernel:
      readStrings(ds, TAG.ConvolutionKernel).join('\\') ||
      (reconstruction && readStrings(reconstruction, TAG.ConvolutionKernel).join('\\')) ||
      undefined,
    contrastBolusAgent: readContrastAgent(ds),
    instanceNumber: readNumber(ds, TAG.InstanceNumber),
    numberOfFrames,
    gantryDetectorTilt:
      readNumber(ds, TAG.GantryDetectorTilt) ?? (acquisition && readNumber(acquisition, TAG.GantryDetectorTilt)),
    cardiacGating: readCardiacGating(ds),
    frames,
    hasPixelData: ds.elements[TAG.PixelData] !== undefined,
  };
}
