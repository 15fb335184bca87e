/**
 * The model manifest (`models/<name>.json`): everything the runtime needs to feed a model and read its output, so a
 * site can swap in a model trained on its own data without code changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** Per-cell features the runtime computes from the native voxels that fall in a model-grid cell. */
export const INPUT_FEATURES = ['meanHu', 'maxHu', 'calciumPermille'] as const;
export type InputFeature = (typeof INPUT_FEATURES)[number];

const triple = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);
const intTriple = z.tuple([z.number().int().positive(), z.number().int().positive(), z.number().int().positive()]);

const manifestSchema = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  /** ONNX file, relative to the manifest. */
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  labels: z.array(z.string()).length(6),
  grid: z.object({
    /** Cell size of the model grid, mm, along patient x, y, z. */
    spacingMm: triple,
    /** Heart-region crop, in cells (x, y, z), centred on the located heart. */
    boxCells: intTriple,
    /** Sliding-window patch and overlap, in cells (x, y, z). */
    patchCells: intTriple,
    overlapCells: z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(0)]),
  }),
  /** Input channels in order: feature, clip range, then divided by scale. */
  input: z.array(
    z.object({
      feature: z.enum(INPUT_FEATURES),
      clip: z.tuple([z.number(), z.number()]),
      scale: z.number().positive(),
    }),
  ),
  /**
   * Added to the model's mean class scores before the arg-max: the operating point, calibrated after training on
   * phantoms outside both the training and the evaluation seeds (scripts/calibrate-cnn.ts). Default: zeros.
   */
  scoreOffsets: z.array(z.number()).length(6).optional(),
  /** Native voxels at or above this HU take the label of their cell (the Agatston threshold). */
  calciumHu: z.number(),
  training: z.record(z.string(), z.unknown()).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});

export type ModelManifest = z.infer<typeof manifestSchema>;

export class ModelManifestError extends Error {
  readonly code = 'MODEL_MANIFEST_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ModelManifestError';
  }
}

export interface LoadedManifest {
  manifest: ModelManifest;
  /** Absolute path of the ONNX file. */
  modelPath: string;
  modelBytes: Buffer;
}

/** Reads and validates a manifest and its model file; the file's sha256 must match the manifest's. */
export function loadModelManifest(manifestPath: string): LoadedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new ModelManifestError(`cannot read model manifest ${manifestPath}: ${(err as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelManifestError(`model manifest ${manifestPath}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const manifest = parsed.data;
  const { boxCells, patchCells, overlapCells } = manifest.grid;
  for (let a = 0; a < 3; a++) {
    if (patchCells[a] > boxCells[a]) throw new ModelManifestError(`grid.patchCells[${a}] is larger than grid.boxCells`);
    if (overlapCells[a] >= patchCells[a]) throw new ModelManifestError(`grid.overlapCells[${a}] must be < patchCells`);
  }
  const modelPath = resolve(dirname(manifestPath), manifest.file);
  let modelBytes: Buffer;
  try {
    modelBytes = readFileSync(modelPath);
  } catch (err) {
    throw new ModelManifestError(`cannot read model file ${modelPath}: ${(err as Error).message}`);
  }
  const sha256 = createHash('sha256').update(modelBytes).digest('hex');
  if (sha256 !== manifest.sha256) {
    throw new ModelManifestError(`model file ${modelPath} has sha256 ${sha256}, the manifest says ${manifest.sha256}`);
  }
  return { manifest, modelPath, modelBytes };
}
