import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { writeStudyDicom } from '../study-dicom';
import { generateThorax } from '../thorax';
import { elementValue, setElement } from './edit-part10';
import { HOSTILE_CASES, type CorpusFile, type HostileCase } from './hostile-cases';

/** A small chest with coronary calcium the default labeller finds: 192² × 40 slices, about 3 MB a case on disk. */
const CONTROL = { matrix: 192, pixelSpacingMm: 1.5, coverageMm: 120, sliceThicknessMm: 3, seed: 1313 } as const;

export interface WrittenHostileCase extends Pick<HostileCase, 'id' | 'change' | 'expect'> {
  /** The case's study folder. */
  dir: string;
}

/** The control study's files, in slice order. */
export async function controlStudyFiles(): Promise<CorpusFile[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'cacscreen-control-'));
  try {
    const study = generateThorax({ ...CONTROL, burden: 'moderate' });
    const patient = {
      name: 'HOSTILE^CONTROL',
      id: 'HOSTILE01',
      sex: 'M',
      age: 61,
      birthDate: '19630101',
      studyDate: '20240301',
    } as const;
    const written = await writeStudyDicom(study, scratch, patient);
    return written.files.map((path) => ({ name: basename(path), bytes: readFileSync(path) }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const UID_TAGS: [number, string][] = [
  [0x00020003, 'UI'], // MediaStorageSOPInstanceUID
  [0x00080018, 'UI'], // SOPInstanceUID
  [0x0020000d, 'UI'], // StudyInstanceUID
  [0x0020000e, 'UI'], // SeriesInstanceUID
  [0x00200052, 'UI'], // FrameOfReferenceUID
];

function withUidSuffix(files: CorpusFile[], suffix: number): CorpusFile[] {
  return files.map(({ name, bytes }) => {
    let out = bytes;
    for (const [tag, vr] of UID_TAGS) {
      const uid = elementValue(out, tag)?.toString('latin1').replace(/\0+$/, '');
      if (uid) out = setElement(out, tag, vr, `${uid}.${suffix}`);
    }
    return { name, bytes: out };
  });
}

/**
 * Writes the hostile-input corpus under `dir`, one study folder per case (`ids` picks some), and returns each
 * case's folder with its expected outcome. Sparse files take no room on disk. With `uniqueStudies` every case has
 * UIDs of its own, so that the whole corpus can be one archive.
 */
export async function writeHostileCorpus(
  dir: string,
  ids?: string[],
  options: { uniqueStudies?: boolean } = {},
): Promise<WrittenHostileCase[]> {
  const original = await controlStudyFiles();
  const chosen = ids ? HOSTILE_CASES.filter((c) => ids.includes(c.id)) : HOSTILE_CASES;
  const unknown = ids?.filter((id) => !HOSTILE_CASES.some((c) => c.id === id)) ?? [];
  if (unknown.length) throw new Error(`unknown hostile case(s): ${unknown.join(', ')}`);
  return chosen.map((hostile, index) => {
    // In one archive each case must be a study of its own: its UIDs get the case's number as a last component.
    const control = options.uniqueStudies ? withUidSuffix(original, index + 1) : original;
    const caseDir = join(dir, hostile.id);
    mkdirSync(caseDir, { recursive: true });
    for (const file of hostile.files(control)) writeFileSync(join(caseDir, file.name), file.bytes);
    for (const sparse of hostile.sparseFiles ?? []) {
      const fd = openSync(join(caseDir, sparse.name), 'w');
      ftruncateSync(fd, sparse.bytes);
      closeSync(fd);
    }
    return { id: hostile.id, change: hostile.change, expect: hostile.expect, dir: caseDir };
  });
}
