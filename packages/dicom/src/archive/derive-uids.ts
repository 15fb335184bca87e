import { createHash } from 'crypto';
import type { DicomInstance } from '../parse/dicom-instance';

/** UUID-derived UIDs (PS3.5 B.2): "2.25." and a 128-bit integer in decimal, at most 44 characters. */
const UUID_ROOT = '2.25.';
/** Versions the recipe: changing what is hashed must not silently reuse the UIDs of the old recipe. */
const RECIPE = 'cacscreen-derived-uid-v1';

type KeyValue = string | number | readonly (string | number)[] | undefined;

/** A UID computed from header content, and the attributes (those present) it was computed from. */
export interface DerivedUid {
  uid: string;
  from: string[];
}

/**
 * Hashes named attribute values into a 2.25 UID: the same values give the same UID on every run and machine (no
 * clock, path or random input), different values a different one. SHA-256 truncated to 128 bits, as a UUID would be.
 */
export function deriveUid(kind: string, parts: Record<string, KeyValue>): DerivedUid {
  const entries = Object.entries(parts).map(([name, value]) => [name, value ?? null] as const);
  const digest = createHash('sha256')
    .update(JSON.stringify([RECIPE, kind, entries]))
    .digest('hex');
  const from = entries.filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0));
  return { uid: UUID_ROOT + BigInt(`0x${digest.slice(0, 32)}`).toString(), from: from.map(([name]) => name) };
}

/** Direction cosines and spacings rounded so float noise between slices of one series does not split it. */
const round = (values: readonly number[] | undefined, digits: number) =>
  values?.map((v) => Number(v.toFixed(digits)) + 0);

/** Attributes identifying a study: who, when, which order. StudyDescription separates same-day studies. */
export function deriveStudyUid(i: DicomInstance): DerivedUid {
  const key = {
    PatientID: i.patientId,
    PatientBirthDate: i.patientBirthDate,
    PatientSex: i.patientSex,
    StudyDate: i.studyDate,
    StudyTime: i.studyTime,
    AccessionNumber: i.accessionNumber,
    StudyID: i.studyId,
    StudyDescription: i.studyDescription,
  };
  const identified = Object.values(key).some((v) => v !== undefined);
  // Fully anonymised files: the frame of reference at least keeps different scans apart.
  return deriveUid('study', identified ? key : { ...key, FrameOfReferenceUID: i.frameOfReferenceUid });
}

/**
 * Attributes shared by the slices of one series and differing between series of a study: number, description,
 * time, image type, grid (orientation, size, spacing), thickness, kernel, contrast and frame of reference.
 */
export function deriveSeriesUid(studyInstanceUid: string, i: DicomInstance): DerivedUid {
  const iop = i.imageOrientationPatient ?? i.frames?.[0]?.imageOrientationPatient;
  const spacing = i.pixelSpacing ?? i.frames?.[0]?.pixelSpacing;
  return deriveUid('series', {
    StudyInstanceUID: studyInstanceUid,
    Modality: i.modality,
    SeriesNumber: i.seriesNumber,
    SeriesDescription: i.seriesDescription,
    SeriesDate: i.seriesDate,
    SeriesTime: i.seriesTime,
    ImageType: i.imageType,
    FrameOfReferenceUID: i.frameOfReferenceUid,
    ImageOrientationPatient: round(iop, 3),
    Rows: i.rows,
    Columns: i.columns,
    PixelSpacing: round(spacing, 4),
    SliceThickness: i.sliceThickness ?? i.frames?.[0]?.sliceThickness,
    ConvolutionKernel: i.convolutionKernel,
    ContrastBolusAgent: i.contrastBolusAgent,
  });
}

/** One frame of reference per series: slices of a series share one patient coordinate system. */
export function deriveFrameOfReferenceUid(seriesInstanceUid: string): DerivedUid {
  return deriveUid('frame', { SeriesInstanceUID: seriesInstanceUid });
}
