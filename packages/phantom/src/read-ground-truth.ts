import { readFileSync } from 'fs';
import * as path from 'path';
import type { GroundTruthFile } from './archive';

/** The archive's ground-truth.json is missing or not one generateArchive wrote. */
export class GroundTruthFileError extends Error {}

/** Reads a synthetic archive's ground-truth.json (written by generateArchive), checking it is one. */
export function readGroundTruth(archiveDir: string): GroundTruthFile {
  const file = path.join(archiveDir, 'ground-truth.json');
  let data: Partial<GroundTruthFile>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<GroundTruthFile>;
  } catch (error) {
    throw new GroundTruthFileError(`${file}: cannot be read as JSON (${(error as Error).message})`);
  }
  if (data.generator !== 'cacscreen-phantom' || data.version !== 1 || !Array.isArray(data.studies)) {
    throw new GroundTruthFileError(`${file}: not a cacscreen-phantom ground truth (version 1)`);
  }
  for (const [i, study] of data.studies.entries()) {
    if (typeof study?.studyInstanceUid !== 'string' || typeof study.agatston?.total !== 'number') {
      throw new GroundTruthFileError(`${file}: study ${i} lacks its studyInstanceUid or agatston.total`);
    }
  }
  return data as GroundTruthFile;
}
