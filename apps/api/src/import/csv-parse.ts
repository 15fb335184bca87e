import { CsvError, parse } from 'csv-parse/sync';

/** One CSV record: its cells and the file line it ends on (1-based; a quoted cell may span lines). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** A CSV file that breaks RFC 4180 (a quote closed mid-cell, a quote never closed, …), with where. */
export class CsvSyntaxError extends Error {}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional BOM) with csv-parse, strictly: `"abc"def`
 * and a quote left open at the end of the file are errors, not cells. Rows may differ in length (the caller reports
 * that per row); blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  try {
    // With `info`, each record comes with where it was read (the typings describe the plain form only).
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch (error) {
    if (error instanceof CsvError) throw new CsvSyntaxError(error.message);
    throw error;
  }
}
