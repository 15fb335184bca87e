import { z } from 'zod';
import type { RiskFactorValues } from '@cacscreen/db';

export const importQuerySchema = z
  .object({
    dryRun: z
      .enum(['true', 'false', '1', '0'], { errorMap: () => ({ message: 'dryRun must be true or false' }) })
      .default('false')
      .transform((value) => value === 'true' || value === '1')
      .describe('Validate and report without storing anything'),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuerySchema>;

/** One patient's values from an import: only the fields the source gave. */
export interface ImportRow {
  /** CSV: the line number (header is line 1). FHIR: the index of the Patient entry. */
  row: number;
  mrn: string;
  sex?: 'M' | 'F';
  /** The patient's site (clinic, hospital); replaces one read from a DICOM header. */
  site?: string;
  values: RiskFactorValues;
}

export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

export interface ParsedImport {
  format: 'csv' | 'fhir';
  received: number;
  rows: ImportRow[];
  errors: RowIssue[];
}

export interface ReassessmentView {
  mrn: string;
  resultId: string;
  tierBefore: string | null;
  tierAfter: string;
  flagged: boolean;
  worklist: 'created' | 'updated' | 'unchanged' | 'none';
}

export interface ImportReport {
  format: 'csv' | 'fhir';
  dryRun: boolean;
  received: number;
  valid: number;
  /** Patients whose values or site changed (dry run: would change). */
  stored: number;
  unchanged: number;
  errors: RowIssue[];
  reassessed: ReassessmentView[];
}
