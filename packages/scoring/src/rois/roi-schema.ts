import { z } from 'zod';
import { InvalidRoiError } from '../agatston/errors';
import type { BoxRoi, Roi, SphereRoi } from './roi';

const point = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()], {
  invalid_type_error: 'expected [x, y, z] in mm',
});
const name = z.string().trim().min(1, 'name must not be empty');

export const sphereRoiSchema: z.ZodType<SphereRoi> = z
  .object({ name, centerMm: point, radiusMm: z.number().finite().positive('radiusMm must be > 0') })
  .strict();

export const boxRoiSchema: z.ZodType<BoxRoi> = z
  .object({ name, minMm: point, maxMm: point })
  .strict()
  .superRefine((box, ctx) => {
    box.minMm.forEach((min, axis) => {
      if (min > box.maxMm[axis]) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['maxMm', axis],
          message: `maxMm must be >= minMm on each axis`,
        });
      }
    });
  });

/**
 * One region: chosen by its keys so the error names the fields of the shape the author meant, rather than zod's
 * "no union member matched".
 */
export const roiSchema: z.ZodType<Roi, z.ZodTypeDef, unknown> = z.unknown().transform((value, ctx): Roi => {
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  const schema =
    keys.includes('centerMm') || keys.includes('radiusMm')
      ? sphereRoiSchema
      : keys.includes('minMm') || keys.includes('maxMm')
        ? boxRoiSchema
        : undefined;
  if (!schema) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'expected a sphere { name, centerMm: [x, y, z], radiusMm } or a box { name, minMm, maxMm }',
    });
    return z.NEVER;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    parsed.error.issues.forEach((issue) => ctx.addIssue(issue));
    return z.NEVER;
  }
  return parsed.data;
});

/** The ROI file: a JSON list of regions with unique names (names become keys of the result). */
export const roiFileSchema = z
  .array(roiSchema, { invalid_type_error: 'the ROI file must be a JSON list of regions' })
  .superRefine((rois, ctx) => {
    const seen = new Set<string>();
    rois.forEach((roi, i) => {
      // Zod still runs this refinement when some items failed; those are placeholders here, already reported.
      if (typeof (roi as Partial<Roi>).name !== 'string') return;
      if (seen.has(roi.name))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'name'], message: `duplicate name '${roi.name}'` });
      seen.add(roi.name);
    });
  });

function describe(issue: z.ZodIssue): string {
  const at = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
  return `${at.replace(/^\./, '') || '(root)'}: ${issue.message}`;
}

/** Validates parsed JSON as an ROI list; throws InvalidRoiError listing every problem by its path. */
export function parseRois(json: unknown): Roi[] {
  const result = roiFileSchema.safeParse(json);
  if (!result.success) throw new InvalidRoiError('Invalid ROI list', result.error.issues.map(describe));
  return result.data;
}

/** Parses the text of an ROI file. */
export function parseRoiFile(text: string): Roi[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InvalidRoiError(`ROI file is not valid JSON (${(cause as Error).message})`);
  }
  return parseRois(json);
}
