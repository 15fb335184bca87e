/**
 * generateArchive: a folder of phantom studies laid out like an exported archive,
 *   outDir/<patientId>/<studyInstanceUid>/slice-0001.dcm …
 * plus outDir/ground-truth.json (true Agatston per artery, demographics and risk factors per study).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { computeAgatston, CORONARY_ARTERIES, type CoronaryArtery } from '@cacscreen/scoring';
import { Rng, mixSeeds } from './random';
import { type BurdenCategory, type PhantomSettings, type PixelEncoding, PhantomSettingsError } from './settings';
import { type PhantomPatient, studyUids, writeStudyDicom } from './study-dicom';
import { type GroundTruthLesion, type PhantomStudy, generateThorax } from './thorax';

export type RiskRace = 'white' | 'black' | 'hispanic' | 'chinese';

/** Risk-factor record of a phantom patient, in the units the risk equations take (mg/dL, mmHg). */
export interface PhantomRiskFactors {
  age: number;
  sex: 'male' | 'female';
  race: RiskRace;
  totalCholesterol: number;
  hdl: number;
  systolicBp: number;
  bpTreated: boolean;
  smoker: boolean;
  diabetes: boolean;
}

export interface GroundTruthAgatston {
  total: number;
  byArtery: Record<CoronaryArtery, number>;
}

export interface GroundTruthStudy {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  patientId: string;
  patientName: string;
  sex: 'M' | 'F';
  age: number;
  birthDate: string;
  studyDate: string;
  /** Folder of the study's files, relative to the archive root (POSIX separators). */
  path: string;
  slices: number;
  seed: number;
  sliceThicknessMm: number;
  noiseHu: number;
  pixelEncoding: PixelEncoding;
  burden: BurdenCategory;
  /** computeAgatston (packages/scoring, default options) on the TRUE label map and the written HU volume. */
  agatston: GroundTruthAgatston;
  /** 'none' | '1-99' | '100-399' | '>=400' bucket of agatston.total (the burden bins the generator aims at). */
  burdenBin: BurdenCategory;
  lesions: GroundTruthLesion[];
  riskFactors: PhantomRiskFactors;
}

export interface GroundTruthFile {
  generator: 'cacscreen-phantom';
  version: 1;
  seed: number;
  createdFrom: {
    studies: number;
    sliceThicknessMm: number | 'mixed';
    noiseHu: number;
    matrix: number;
    pixelSpacingMm: number;
  };
  agatstonMethod: string;
  studies: GroundTruthStudy[];
}

export interface ArchiveOptions {
  studies: number;
  seed: number;
  /** Fixed thickness for every study; omitted → each study draws one of 1, 1.5, 2, 2.5, 3, 5 mm (mostly 3 mm). */
  sliceThicknessMm?: number;
  noiseHu?: number;
  matrix?: number;
  pixelSpacingMm?: number;
  coverageMm?: number;
  blurSigmaMm?: number;
  /** 'alternate' stores odd-numbered studies as unsigned HU+1024. Default 'signed-hu'. */
  pixelEncoding?: PixelEncoding | 'alternate';
  /** Called after each study is written. */
  onProgress?: (done: number, total: number) => void;
}

export interface ArchiveResult {
  outDir: string;
  groundTruthPath: string;
  groundTruth: GroundTruthFile;
}

const THICKNESS_CHOICES = [1, 1.5, 2, 2.5, 3, 5];
const THICKNESS_WEIGHTS = [0.15, 0.1, 0.1, 0.1, 0.45, 0.1];
const DAY_MS = 86_400_000;

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Agatston bin the generator's burden settings aim at. */
export function burdenBinOf(total: number): BurdenCategory {
  if (total <= 0) return 'none';
  if (total < 100) return 'low';
  if (total < 400) return 'moderate';
  return 'high';
}

function drawDemographics(rng: Rng, index: number): { patient: PhantomPatient; race: RiskRace } {
  const sex = rng.chance(0.5) ? 'M' : 'F';
  const age = rng.int(45, 80);
  let study = new Date(Date.UTC(2016, 0, 1) + rng.int(0, 9 * 365) * DAY_MS);
  if (study.getUTCMonth() === 1 && study.getUTCDate() === 29) study = new Date(study.getTime() - DAY_MS);
  const daysBeforeBirthday = rng.int(1, 360);
  const birth = new Date(
    Date.UTC(study.getUTCFullYear() - age, study.getUTCMonth(), study.getUTCDate()) - daysBeforeBirthday * DAY_MS,
  );
  const id = String(index + 1).padStart(4, '0');
  const hh = rng.int(7, 18);
  const mm = rng.int(0, 50);
  const race = (['white', 'black', 'hispanic', 'chinese'] as const)[rng.weighted([0.6, 0.2, 0.12, 0.08])];
  return {
    patient: {
      name: `PHANTOM^PATIENT${id}`,
      id: `PHANTOM${id}`,
      sex,
      age,
      birthDate: ymd(birth),
      studyDate: ymd(study),
      studyTime: `${String(hh).padStart(2, '0')}${String(mm).padStart(2, '0')}00`,
      accessionNumber: `PHACC${id}`,
    },
    race,
  };
}

function drawRiskFactors(
  rng: Rng,
  patient: PhantomPatient,
  race: RiskRace,
  burden: BurdenCategory,
): PhantomRiskFactors {
  const male = patient.sex === 'M';
  const heavier = burden === 'high' ? 1 : burden === 'moderate' ? 0.5 : 0;
  const round = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));
  return {
    age: patient.age,
    sex: male ? 'male' : 'female',
    race,
    totalCholesterol: round(195 + 35 * rng.normal() + 10 * heavier, 120, 320),
    hdl: round((male ? 47 : 58) + 12 * rng.normal() - 4 * heavier, 25, 100),
    systolicBp: round(118 + 0.4 * (patient.age - 45) + 15 * rng.normal() + 6 * heavier, 95, 200),
    bpTreated: rng.chance(0.2 + 0.25 * heavier + 0.004 * (patient.age - 45)),
    smoker: rng.chance(0.15 + 0.1 * heavier),
    diabetes: rng.chance(0.1 + 0.1 * heavier),
  };
}

function drawBurden(rng: Rng, patient: PhantomPatient): BurdenCategory {
  const risk = (patient.age - 45) / 35 + (patient.sex === 'M' ? 0.3 : 0);
  return (['none', 'low', 'moderate', 'high'] as const)[
    rng.weighted([0.55 - 0.3 * risk, 0.25, 0.12 + 0.15 * risk, 0.08 + 0.2 * risk])
  ];
}

/** True Agatston of a phantom study: computeAgatston (default options) on its ground-truth labels. */
export function trueAgatston(study: PhantomStudy): GroundTruthAgatston {
  const r = computeAgatston(study.volume, study.labels);
  const byArtery = Object.fromEntries(CORONARY_ARTERIES.map((a) => [a, round2(r.agatston.byArtery[a])])) as Record<
    CoronaryArtery,
    number
  >;
  return { total: round2(r.agatston.total), byArtery };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function checkArchiveOptions(o: ArchiveOptions): void {
  if (!Number.isInteger(o.studies) || o.studies < 1 || o.studies > 10_000) {
    throw new PhantomSettingsError(`studies must be an integer in [1, 10000], got ${String(o.studies)}`);
  }
  if (!Number.isSafeInteger(o.seed)) throw new PhantomSettingsError(`seed must be an integer, got ${String(o.seed)}`);
}

/**
 * Writes `studies` phantom studies and ground-truth.json under outDir. The first four studies cover the burdens
 * none, low, moderate and high (in a seeded order); later ones draw a burden that grows with age and male sex.
 */
export async function generateArchive(outDir: string, options: ArchiveOptions): Promise<ArchiveResult> {
  checkArchiveOptions(options);
  const archiveRng = new Rng(options.seed);
  const firstBurdens = archiveRng.shuffle<BurdenCategory>(['none', 'low', 'moderate', 'high']);
  const studies: GroundTruthStudy[] = [];
  for (let index = 0; index < options.studies; index++) {
    const studySeed = mixSeeds(options.seed, index + 1);
    const rng = new Rng(studySeed);
    const { patient, race } = drawDemographics(rng, index);
    const burden = index < firstBurdens.length ? firstBurdens[index] : drawBurden(rng, patient);
    const thickness = options.sliceThicknessMm ?? THICKNESS_CHOICES[rng.weighted(THICKNESS_WEIGHTS)];
    const riskFactors = drawRiskFactors(rng, patient, race, burden);
    const encoding: PixelEncoding =
      options.pixelEncoding === 'alternate'
        ? index % 2 === 1
          ? 'unsigned-offset'
          : 'signed-hu'
        : (options.pixelEncoding ?? 'signed-hu');
    const settings: Partial<PhantomSettings> = {
      seed: studySeed,
      burden,
      sliceThicknessMm: thickness,
      noiseHu: options.noiseHu,
      matrix: options.matrix,
      pixelSpacingMm: options.pixelSpacingMm,
      coverageMm: options.coverageMm,
      blurSigmaMm: options.blurSigmaMm,
    };
    const study = generateThorax(settings);
    const uidsProbe = await writeStudyDicomTo(outDir, study, patient, encoding);
    const agatston = trueAgatston(study);
    studies.push({
      studyInstanceUid: uidsProbe.studyInstanceUid,
      seriesInstanceUid: uidsProbe.seriesInstanceUid,
      patientId: patient.id,
      patientName: patient.name,
      sex: patient.sex,
      age: patient.age,
      birthDate: patient.birthDate,
      studyDate: patient.studyDate,
      path: uidsProbe.relativePath,
      slices: study.volume.dims[2],
      seed: studySeed,
      sliceThicknessMm: thickness,
      noiseHu: study.settings.noiseHu,
      pixelEncoding: encoding,
      burden: study.burden,
      agatston,
      burdenBin: burdenBinOf(agatston.total),
      lesions: study.lesions.map((l) => ({ ...l, agatston: round2(l.agatston) })),
      riskFactors,
    });
    options.onProgress?.(index + 1, options.studies);
  }
  const groundTruth: GroundTruthFile = {
    generator: 'cacscreen-phantom',
    version: 1,
    seed: options.seed,
    createdFrom: {
      studies: options.studies,
      sliceThicknessMm: options.sliceThicknessMm ?? 'mixed',
      noiseHu: studies[0]?.noiseHu ?? 0,
      matrix: options.matrix ?? 256,
      pixelSpacingMm: options.pixelSpacingMm ?? 1.4,
    },
    agatstonMethod:
      'computeAgatston from @cacscreen/scoring with default options (130 HU, 8-connected per-slice components, min 1 mm², weights 1-4 from peak HU, scaled to 3 mm) on the ground-truth coronary labels',
    studies,
  };
  const groundTruthPath = path.join(outDir, 'ground-truth.json');
  await fs.writeFile(groundTruthPath, `${JSON.stringify(groundTruth, null, 2)}\n`);
  return { outDir, groundTruthPath, groundTruth };
}

async function writeStudyDicomTo(
  outDir: string,
  study: PhantomStudy,
  patient: PhantomPatient,
  pixelEncoding: PixelEncoding,
): Promise<{ studyInstanceUid: string; seriesInstanceUid: string; relativePath: string }> {
  const uid = studyUids(study, patient.id).study;
  const relativePath = `${patient.id}/${uid}`;
  const written = await writeStudyDicom(study, path.join(outDir, patient.id, uid), patient, { pixelEncoding });
  return { studyInstanceUid: written.studyInstanceUid, seriesInstanceUid: written.seriesInstanceUid, relativePath };
}
