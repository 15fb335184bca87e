import { z } from 'zod';
import { RiskInputError } from './errors';

export const SEXES = ['male', 'female'] as const;
export const RACES = ['white', 'black', 'hispanic', 'chinese', 'other'] as const;
export type Sex = (typeof SEXES)[number];
export type Race = (typeof RACES)[number];

// Each field carries its own messages so a validation error always names the field and its unit.
// Plausibility (e.g. age 40–79 for the PCE) is NOT checked here: an out-of-range value is valid input that an
// equation refuses with a warning; the schema rejects only values that are not measurements at all.
const measurement = (field: string, unit: string) =>
  z
    .number({ invalid_type_error: `${field} must be a number (${unit})` })
    .finite(`${field} must be a finite number (${unit})`)
    .positive(`${field} must be > 0 ${unit}`)
    .describe(`${field} in ${unit}`)
    .optional();

const flag = (field: string, meaning: string) =>
  z
    .boolean({ invalid_type_error: `${field} must be true or false` })
    .describe(meaning)
    .optional();

// Sources spell categories in any case ("Male", "WHITE"); normalise before matching.
const lowerCase = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

const category = <T extends readonly [string, ...string[]]>(field: string, values: T, meaning: string) =>
  z
    .preprocess(
      lowerCase,
      z.enum(values, { errorMap: () => ({ message: `${field} must be one of ${values.join(', ')}` }) }),
    )
    .describe(meaning)
    .optional();

export const riskInputSchema = z
  .object({
    age: z
      .number({ invalid_type_error: 'age must be a number (years)' })
      .finite('age must be a finite number (years)')
      .nonnegative('age must be ≥ 0 years')
      .max(130, 'age must be ≤ 130 years')
      .describe('Age in years at the time of the CT')
      .optional(),
    sex: category('sex', SEXES, 'Sex used by the risk equations'),
    race: category('race', RACES, 'Self-reported race; hispanic, chinese and other use the white PCE'),
    totalCholesterol: measurement('totalCholesterol', 'mg/dL'),
    hdl: measurement('hdl', 'mg/dL'),
    systolicBp: measurement('systolicBp', 'mmHg'),
    bmi: measurement('bmi', 'kg/m²'),
    egfr: measurement('egfr', 'mL/min/1.73 m²'),
    bpTreated: flag('bpTreated', 'On antihypertensive medication'),
    smoker: flag('smoker', 'Current cigarette smoker'),
    diabetes: flag('diabetes', 'Diabetes mellitus'),
    lipidLowering: flag('lipidLowering', 'On a statin or other lipid-lowering drug'),
    familyHistory: flag('familyHistory', 'Family history of premature ASCVD / MI'),
    knownAscvd: flag('knownAscvd', 'Known atherosclerotic cardiovascular disease (secondary prevention)'),
    cac: z
      .number({ invalid_type_error: 'cac must be a number (Agatston score)' })
      .finite('cac must be a finite number (Agatston score)')
      .nonnegative('cac must be ≥ 0 (Agatston score)')
      .describe('Total Agatston score')
      .optional(),
  })
  // A misspelt key (e.g. "hdlCholesterol") would otherwise silently become a missing input.
  .strict();

export type RiskInput = z.output<typeof riskInputSchema>;

/** Validates untrusted input; throws `RiskInputError` listing every bad field. */
export function parseRiskInput(value: unknown): RiskInput {
  const parsed = riskInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, message: `${key} is not a risk input` }));
    }
    const field = issue.path.length > 0 ? issue.path.join('.') : '(input)';
    return [{ field, message: issue.message }];
  });
  throw new RiskInputError(issues);
}
