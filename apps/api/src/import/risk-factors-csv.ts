import { BadRequestException } from '@nestjs/common';
import type { RiskFactorValues } from '@cacscreen/db';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv-parse';
import type { ImportRow, ParsedImport, RowIssue } from './import.dto';
import { FieldResult, flagText, measurementText, mrnText, raceText, sexText, siteText } from './risk-factor-fields';

type Column = {
  key: keyof RiskFactorValues;
  parse: (text: string) => FieldResult<RiskFactorValues[keyof RiskFactorValues]>;
};

/** The documented columns (docs/api.md) and the risk factor each fills. */
export const CSV_COLUMNS: Record<string, Column> = {
  race: { key: 'race', parse: raceText },
  total_cholesterol_mg_dl: { key: 'totalCholesterol', parse: (t) => measurementText('totalCholesterol', t) },
  hdl_mg_dl: { key: 'hdl', parse: (t) => measurementText('hdl', t) },
  systolic_bp_mmhg: { key: 'systolicBp', parse: (t) => measurementText('systolicBp', t) },
  bmi_kg_m2: { key: 'bmi', parse: (t) => measurementText('bmi', t) },
  egfr_ml_min_1_73m2: { key: 'egfr', parse: (t) => measurementText('egfr', t) },
  bp_treated: { key: 'bpTreated', parse: flagText },
  smoker: { key: 'smoker', parse: flagText },
  diabetes: { key: 'diabetes', parse: flagText },
  lipid_lowering: { key: 'lipidLowering', parse: flagText },
  family_history: { key: 'familyHistory', parse: flagText },
  known_ascvd: { key: 'knownAscvd', parse: flagText },
};
const ID_COLUMNS = ['mrn', 'sex', 'site'];
const MAX_ROWS = 50_000;

function fileError(message: string, field = '(file)'): BadRequestException {
  return new BadRequestException({ message: 'Invalid CSV', issues: [{ field, message }] });
}

/** Reads the header, then every data line into an ImportRow or per-cell errors. Blank cells mean "not given". */
export function readRiskFactorsCsv(text: string): ParsedImport {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw fileError(error.message);
    throw error;
  }
  const lines = records.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (lines.length === 0) throw fileError('the file is empty; the first line must be a header with an mrn column');
  const header = lines[0].cells.map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !ID_COLUMNS.includes(name) && !(name in CSV_COLUMNS));
  if (unknown.length) throw fileError(`unknown column(s): ${unknown.join(', ')}`, 'header');
  if (!header.includes('mrn')) throw fileError('the header has no mrn column', 'header');
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate) throw fileError(`the column ${duplicate} appears twice`, 'header');
  if (lines.length - 1 > MAX_ROWS) throw fileError(`at most ${MAX_ROWS} rows per file`);

  const rows: ImportRow[] = [];
  const errors: RowIssue[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach(({ cells, line }) => {
    if (cells.length !== header.length) {
      errors.push({ row: line, field: '(row)', message: `has ${cells.length} cells; the header has ${header.length}` });
      return;
    }
    const cell = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
    const rowErrors: RowIssue[] = [];
    const mrn = mrnText(cell('mrn'));
    if (!mrn.ok) rowErrors.push({ row: line, field: 'mrn', message: `mrn ${mrn.message}` });
    const values: RiskFactorValues = {};
    let sex: 'M' | 'F' | undefined;
    let site: string | undefined;
    for (const name of header) {
      const text = cell(name);
      if (name === 'mrn' || text === '') continue;
      if (name === 'sex') {
        const parsed = sexText(text);
        if (parsed.ok) sex = parsed.value;
        else rowErrors.push({ row: line, field: name, message: `${name}: ${parsed.message}` });
        continue;
      }
      if (name === 'site') {
        const parsed = siteText(text);
        if (parsed.ok) site = parsed.value;
        else rowErrors.push({ row: line, field: name, message: `${name} ${parsed.message}` });
        continue;
      }
      const column = CSV_COLUMNS[name];
      const parsed = column.parse(text);
      if (parsed.ok) Object.assign(values, { [column.key]: parsed.value });
      else rowErrors.push({ row: line, field: name, message: `${name}: ${parsed.message}` });
    }
    if (rowErrors.length === 0 && Object.keys(values).length === 0 && site === undefined) {
      rowErrors.push({ row: line, field: '(row)', message: 'has no risk factor values and no site' });
    }
    if (mrn.ok && seen.has(mrn.value)) {
      rowErrors.push({
        row: line,
        field: 'mrn',
        message: `mrn repeats line ${seen.get(mrn.value)}; one line per patient`,
      });
    }
    if (mrn.ok && !seen.has(mrn.value)) seen.set(mrn.value, line);
    if (rowErrors.length || !mrn.ok) errors.push(...rowErrors);
    else rows.push({ row: line, mrn: mrn.value, sex, ...(site !== undefined ? { site } : {}), values });
  });
  return { format: 'csv', received: lines.length - 1, rows, errors };
}
