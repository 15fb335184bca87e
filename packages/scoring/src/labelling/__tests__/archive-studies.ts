/**
 * Test / evaluation helper (not part of the build): the per-study phantom settings that `generateArchive` draws for
 * an archive seed, reproduced without writing DICOM files. It mirrors the draw order of packages/phantom/src/archive.ts
 * (demographics, burden, thickness); `scripts/eval-baseline.ts --verify` checks it against a real generateArchive run.
 */
import { generateThorax, mixSeeds, Rng, type BurdenCategory, type PhantomStudy } from '@cacscreen/phantom';

export interface ArchiveStudySettings {
  patientId: string;
  seed: number;
  burden: BurdenCategory;
  sliceThicknessMm: number;
}

const THICKNESS_CHOICES = [1, 1.5, 2, 2.5, 3, 5];
const THICKNESS_WEIGHTS = [0.15, 0.1, 0.1, 0.1, 0.45, 0.1];

export function archiveStudySettings(archiveSeed: number, studies: number): ArchiveStudySettings[] {
  const archiveRng = new Rng(archiveSeed);
  const firstBurdens = archiveRng.shuffle<BurdenCategory>(['none', 'low', 'moderate', 'high']);
  const out: ArchiveStudySettings[] = [];
  for (let index = 0; index < studies; index++) {
    const seed = mixSeeds(archiveSeed, index + 1);
    const rng = new Rng(seed);
    const male = rng.chance(0.5);
    const age = rng.int(45, 80);
    rng.int(0, 9 * 365); // study date
    rng.int(1, 360); // birthday offset
    rng.int(7, 18); // study time
    rng.int(0, 50);
    rng.weighted([0.6, 0.2, 0.12, 0.08]); // race
    let burden: BurdenCategory;
    if (index < firstBurdens.length) burden = firstBurdens[index];
    else {
      const risk = (age - 45) / 35 + (male ? 0.3 : 0);
      burden = (['none', 'low', 'moderate', 'high'] as const)[
        rng.weighted([0.55 - 0.3 * risk, 0.25, 0.12 + 0.15 * risk, 0.08 + 0.2 * risk])
      ];
    }
    const sliceThicknessMm = THICKNESS_CHOICES[rng.weighted(THICKNESS_WEIGHTS)];
    out.push({ patientId: `PHANTOM${String(index + 1).padStart(4, '0')}`, seed, burden, sliceThicknessMm });
  }
  return out;
}

export function archiveStudy(s: ArchiveStudySettings): PhantomStudy {
  return generateThorax({ seed: s.seed, burden: s.burden, sliceThicknessMm: s.sliceThicknessMm });
}
