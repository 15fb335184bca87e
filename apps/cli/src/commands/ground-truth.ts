import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const riskFactorsSchema = z.object({
  race: z.string().optional(),
  totalCholesterol: z.number().optional(),
  hdl: z.number().optional(),
  systolicBp: z.number().optional(),
  bpTreated: z.boolean().optional(),
  smoker: z.boolean().optional(),
  diabetes: z.boolean().optional(),
  lipidLowering: z.boolean().optional(),
  familyHistory: z.boolean().optional(),
  knownAscvd: z.boolean().optional(),
});

const groundTruthSchema = z.object({
  studies: z.array(
    z
      .object({
        studyInstanceUid: z.string(),
        patientId: z.string(),
        sex: z.string(),
        age: z.number(),
        riskFactors: riskFactorsSchema,
      })
      .passthrough(),
  ),
});
export type ArchiveGroundTruth = z.infer<typeof groundTruthSchema>;

/** Reads a synthetic archive's ground-truth.json (written by @cacscreen/phantom). */
export function readGroundTruth(archiveDir: string): ArchiveGroundTruth {
  const file = path.join(archiveDir, 'ground-truth.json');
  return groundTruthSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}
