import { RACES } from '@cacscreen/risk';
import type { RiskFactorValues } from '@cacscreen/db';

/** A parsed value or the reason it was refused. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T>(message: string): FieldResult<T> => ({ ok: false, message });

export const MG_DL_PER_MMOL_L_CHOLESTEROL = 38.67;
export const MG_DL = MG_DL_PER_MMOL_L_CHOLESTEROL;

/** Plausible ranges; a value outside is almost always a unit or typing error, so it is refused, not stored. */
export const RANGES = {
  totalCholesterol: { min: 50, max: 500, unit: 'mg/dL' },
  hdl: { min: 10, max: 200, unit: 'mg/dL' },
  systolicBp: { min: 60, max: 260, unit: 'mmHg' },
  bmi: { min: 10, max: 80, unit: 'kg/m²' },
  egfr: { min: 1, max: 200, unit: 'mL/min/1.73 m²' },
} as const;

export type MeasuredField = keyof typeof RANGES;

export function measurement(field: MeasuredField, value: number): FieldResult<number> {
  const { min, max, unit } = RANGES[field];
  if (!Number.isFinite(value)) return fail(`must be a number in ${unit}`);
  if (value < min || value > max) {
    const hint =
      unit === 'mg/dL' && value > 0 && value < 20
        ? ` (looks like mmol/L: multiply by ${MG_DL_PER_MMOL_L_CHOLESTEROL})`
        : '';
    return fail(`${value} is outside ${min}-${max} ${unit}${hint}`);
  }
  return ok(value);
}

export function measurementText(field: MeasuredField, text: string): FieldResult<number> {
  if (!/^[+]?\d+(\.\d+)?$/.test(text)) return fail(`"${text}" is not a number (${RANGES[field].unit})`);
  return measurement(field, Number(text));
}

const TRUE = ['true', 'yes', 'y', '1'];
const FALSE = ['false', 'no', 'n', '0'];

export function flagText(text: string): FieldResult<boolean> {
  const lower = text.toLowerCase();
  if (TRUE.includes(lower)) return ok(true);
  if (FALSE.includes(lower)) return ok(false);
  return fail(`"${text}" is not one of true/false, yes/no, y/n, 1/0`);
}

export function raceText(text: string): FieldResult<NonNullable<RiskFactorValues['race']>> {
  const lower = text.toLowerCase();
  return (RACES as readonly string[]).includes(lower) ? ok(lower) : fail(`"${text}" is not one of ${RACES.join(', ')}`);
}

export function sexText(text: string): FieldResult<'M' | 'F'> {
  const lower = text.toLowerCase();
  if (lower === 'm' || lower === 'male') return ok('M');
  if (lower === 'f' || lower === 'female') return ok('F');
  return fail(`"${text}" is not one of M, F`);
}

export function mrnText(text: string): FieldResult<string> {
  if (!text) return fail('is required');
  if (text.length > 64 || [...text].some((char) => char.charCodeAt(0) < 32))
    return fail('must be 1-64 printable characters');
  return ok(text);
}

/** A site name: 1-64 printable characters (whitespace collapsed). */
export function siteText(text: string): FieldResult<string> {
  const site = text.replace(/\s+/g, ' ').trim();
  if (!site) return fail('is empty');
  if (site.length > 64 || [...site].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127))
    return fail('must be 1-64 printable characters');
  return ok(site);
}
