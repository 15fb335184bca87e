import { readFile } from 'node:fs/promises';
import { type DicomInstance, IndexedStudy, parseDicom } from '@cacscreen/dicom';

export interface PatientFacts {
  mrn: string;
  sex: string | null;
  birthDate: Date | null;
  ageAtStudy: number | null;
  studyDate: Date | null;
  /** InstitutionName (0008,0080) of the study: the patient's site when none is on file. */
  institutionName: string | null;
}

/** InstitutionName is LO: at most 64 characters. */
const LO_MAX = 64;

/** A file's header (no pixels), or null when the bytes are absent or not DICOM this reader accepts. */
export function readHeader(bytes: Uint8Array | null): DicomInstance | null {
  if (!bytes) return null;
  try {
    return parseDicom(bytes, { headersOnly: true });
  } catch {
    return null;
  }
}

/**
 * The header's InstitutionName cleaned for display: control characters as spaces, whitespace collapsed, at most 64
 * characters; null when absent or blank.
 */
export function readInstitutionName(header: DicomInstance | null): string | null {
  const raw = header?.institutionName ?? '';
  const printable = [...raw].map((char) => (char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127 ? ' ' : char));
  const cleaned = printable.join('').replace(/\s+/g, ' ').trim().slice(0, LO_MAX).trim();
  return cleaned || null;
}

/** DICOM DA (YYYYMMDD) as a UTC date; null when absent or malformed. */
export function parseDicomDate(value: string | null | undefined): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value?.trim() ?? '');
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** DICOM AS ("063Y"; months, weeks and days are under a year) as whole years; null otherwise. */
export function parseDicomAge(value: string | null | undefined): number | null {
  const match = /^(\d{3})([DWMY])$/.exec(value?.trim() ?? '');
  if (!match) return null;
  return match[2] === 'Y' ? Number(match[1]) : 0;
}

/**
 * Demographics of a study's patient, read from the header of one of its files. They stay inside activities and the
 * database: only UIDs and database IDs go back to the workflow.
 */
export async function readPatientFacts(study: IndexedStudy): Promise<PatientFacts> {
  const firstFile = study.series.find((series) => series.files.length > 0)?.files[0];
  const header = readHeader(firstFile ? await readFile(firstFile).catch(() => null) : null);
  return {
    // A study without a Patient ID still needs an owner; its UID keeps it apart from every other study.
    mrn: study.patientId ?? header?.patientId ?? `unknown:${study.studyInstanceUid}`,
    sex: header?.patientSex?.trim() || null,
    birthDate: parseDicomDate(header?.patientBirthDate),
    ageAtStudy: parseDicomAge(header?.patientAge),
    studyDate: parseDicomDate(study.studyDate),
    institutionName: readInstitutionName(header),
  };
}
