import { readFile } from 'node:fs/promises';
import { IndexedStudy, parseDicom } from '@cacscreen/dicom';

export interface PatientFacts {
  mrn: string;
  sex: string | null;
  birthDate: Date | null;
  ageAtStudy: number | null;
  studyDate: Date | null;
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
  const header = firstFile
    ? await readFile(firstFile)
        .then((bytes) => parseDicom(bytes, { headersOnly: true }))
        .catch(() => null)
    : null;
  return {
    // A study without a Patient ID still needs an owner; its UID keeps it apart from every other study.
    mrn: study.patientId ?? header?.patientId ?? `unknown:${study.studyInstanceUid}`,
    sex: header?.patientSex?.trim() || null,
    birthDate: parseDicomDate(header?.patientBirthDate),
    ageAtStudy: parseDicomAge(header?.patientAge),
    studyDate: parseDicomDate(study.studyDate),
  };
}
