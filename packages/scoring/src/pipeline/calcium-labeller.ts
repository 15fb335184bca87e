import type { Volume } from '@cacscreen/dicom';

/**
 * Anything that turns a CT volume into a per-voxel calcium label map (CalciumLabel values, same grid as the volume):
 * the non-learned baseline today, the CNN later. Its name and version are stored with every result.
 */
export interface CalciumLabeller {
  readonly name: string;
  readonly version: string;
  /** sha256 of the model file, when the labeller has one. */
  readonly sha256: string | null;
  label(volume: Volume): Promise<Uint8Array>;
  /** Labels plus what was found about the anatomy, for labellers that locate it (safe under concurrent calls). */
  labelWithFindings?(volume: Volume): Promise<{ labels: Uint8Array; findings: LabellerFindings }>;
}

export interface LabellerFindings {
  heartFound: boolean;
  /** Why the heart was not found (for a person), when it was not. */
  heartNotFoundReason?: string;
  /** Notes on how the series was read (sharp kernel softened, aortic root not found, …). */
  notes: string[];
}
