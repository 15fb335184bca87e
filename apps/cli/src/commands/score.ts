import fs from 'node:fs';
import path from 'node:path';
import {
  decodeBudgetFromEnv,
  DicomError,
  indexFolder,
  limitsFromEnv,
  readSeriesIsolated,
  selectSeries,
  type DecodeBudget,
  type DicomLimits,
  type UnreadableFile,
} from '@cacscreen/dicom';
import {
  analyzeVolume,
  CalciumLabeller,
  locateHeart,
  renderHeartOverlay,
  parseRoiFile,
  Roi,
  RoiScore,
  roundTo,
  ScoreResult,
  ScoringError,
  scoreRois,
  summariseScore,
} from '@cacscreen/scoring';
import { calciumGrades, type OrdinalScore, type VisualGrade } from '@cacscreen/risk';
import { loadLabeller } from '@cacscreen/worker';
import { UsageError } from './usage-error';

export interface ScoreCommandOptions {
  json?: boolean;
  roi?: string;
  labeller?: string;
  /** Write a PNG of where the heart was found and what was labelled (anatomy/render-heart-overlay.ts). */
  overlay?: string;
}

const PHANTOM_QA_POLICY = { minSlices: 1, minZRangeMm: 0 };

/** The `score --json` contract (DESIGN.md): one object per study, scored or rejected with a reason. */
export interface ScoreOutput {
  status: 'scored' | 'rejected';
  reason: string | null;
  studyInstanceUid: string | null;
  seriesInstanceUid: string | null;
  agatston: { total: number; byArtery: { LM: number; LAD: number; LCX: number; RCA: number } } | null;
  volumeMm3: number | null;
  massMg: number | null;
  lesions: Array<{ artery: string; agatston: number; volumeMm3: number; peakHu: number; centroidMm: number[] }>;
  cacDrs: string | null;
  category: string | null;
  /** Ordinal (0–12) and none/mild/moderate/severe grades, reported beside Agatston for non-gated scans. */
  grades: {
    ordinal: { total: number; byArtery: OrdinalScore['byArtery'] };
    visualFromAgatston: VisualGrade;
    visualFromOrdinal: VisualGrade;
  } | null;
  qualityFlags: string[];
  model: { name: string; version: string; sha256: string | null };
  series: Array<{ seriesInstanceUid: string; accepted: boolean; lowConfidence: boolean; reason: string }>;
  warnings: string[];
  rois?: Record<string, RoiScore>;
  timingsMs: Record<string, number>;
}

function rejected(reason: string, model: ScoreOutput['model'], extra: Partial<ScoreOutput> = {}): ScoreOutput {
  return {
    status: 'rejected',
    reason,
    studyInstanceUid: null,
    seriesInstanceUid: null,
    agatston: null,
    volumeMm3: null,
    massMg: null,
    lesions: [],
    cacDrs: null,
    category: null,
    grades: null,
    qualityFlags: [],
    model,
    series: [],
    warnings: [],
    timingsMs: {},
    ...extra,
  };
}

/** The code and message of a DicomError; anything else the reader threw on these files is a decode failure. */
/** The folder's unreadable files in a few words: they often explain a rejection (a slice gap where one was). */
function describeUnreadable(unreadable: UnreadableFile[]): string {
  const first = unreadable[0];
  const code = first.code ? `${first.code}: ` : '';
  return `${unreadable.length} unreadable file(s), e.g. ${path.basename(first.path)}: ${code}${first.reason}`;
}

/** Appended to a rejection's reason. */
function unreadableNote(unreadable: UnreadableFile[]): string {
  return unreadable.length ? `; ${describeUnreadable(unreadable)}` : '';
}

function rejectionReason(error: unknown): string {
  if (error instanceof DicomError) return `${error.code}: ${error.message}`;
  return `DECODE_FAILED: ${error instanceof Error ? error.message : String(error)}`;
}

function scoreFields(score: ScoreResult) {
  const grades = calciumGrades(score.lesions, score.agatston.total);
  const { agatston, volumeMm3, massMg, lesions, cacDrs, category } = summariseScore(score);
  return {
    agatston,
    volumeMm3,
    massMg,
    lesions,
    cacDrs,
    category,
    grades: {
      ordinal: { total: grades.ordinal.total, byArtery: grades.ordinal.byArtery },
      visualFromAgatston: grades.visualFromAgatston,
      visualFromOrdinal: grades.visualFromOrdinal,
    },
    qualityFlags: [...score.qualityFlags],
  };
}

/** Scores one study folder without any service: index → choose a series → volume → label → Agatston. */
export async function scoreStudyFolder(
  dir: string,
  options: {
    labeller: CalciumLabeller | null;
    rois: Roi[] | null;
    overlay?: string;
    /** Header limits and the isolated read's budget (the defaults when not given). */
    reading?: { limits?: DicomLimits; budget?: DecodeBudget };
  },
): Promise<ScoreOutput> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const model = options.labeller
    ? { name: options.labeller.name, version: options.labeller.version, sha256: options.labeller.sha256 }
    : { name: 'roi-only', version: '-', sha256: null };
  const limits = options.reading?.limits;
  const index = await indexFolder(dir, { limits });
  timings.index = Math.round(performance.now() - t0);
  if (index.studies.length === 0) {
    return rejected(`No DICOM study found in the folder${unreadableNote(index.unreadable)}`, model, {
      timingsMs: timings,
    });
  }
  if (index.studies.length > 1) {
    throw new UsageError(
      `the folder holds ${index.studies.length} studies; pass the folder of one study (or use \`cacscreen sweep\`)`,
    );
  }
  const study = index.studies[0];
  // Header warnings (e.g. UIDs derived for de-identified copies) come first, then the chosen series' volume warnings.
  const headerWarnings = [...study.warnings];
  if (index.unreadable.length) headerWarnings.push(`Skipped ${describeUnreadable(index.unreadable)}`);
  // Phantom QA scans cover a few centimetres of an insert, not a chest: drop the coverage rules for them.
  const selection = selectSeries(study, options.rois ? PHANTOM_QA_POLICY : {});
  const series = selection.decisions.map((d) => ({
    seriesInstanceUid: d.seriesInstanceUid,
    accepted: d.accepted,
    lowConfidence: d.lowConfidence ?? false,
    reason: d.reason,
  }));
  if (!selection.chosen) {
    const reason = `No eligible series: ${selection.decisions.map((d) => d.reason).join('; ') || 'no readable series'}`;
    return rejected(`${reason}${unreadableNote(index.unreadable)}`, model, {
      studyInstanceUid: study.studyInstanceUid,
      series,
      warnings: headerWarnings,
      timingsMs: timings,
    });
  }
  headerWarnings.push(...selection.chosen.warnings);
  const t1 = performance.now();
  let built: Awaited<ReturnType<typeof readSeriesIsolated>>;
  try {
    // In its own thread with a time and heap budget, so a poison file ends as a rejection, never a crash.
    built = await readSeriesIsolated(selection.chosen.files, { limits }, options.reading?.budget);
  } catch (error) {
    // Unusable pixel data is a rejection with its reason, never a crash: whatever the files make the reader throw.
    return rejected(`${rejectionReason(error)}${unreadableNote(index.unreadable)}`, model, {
      studyInstanceUid: study.studyInstanceUid,
      seriesInstanceUid: selection.chosen.seriesInstanceUid,
      series,
      warnings: headerWarnings,
      timingsMs: timings,
    });
  }
  const { volume, warnings } = built;
  timings.decode = Math.round(performance.now() - t1);

  const base = {
    studyInstanceUid: study.studyInstanceUid,
    seriesInstanceUid: selection.chosen.seriesInstanceUid,
    series,
    warnings: [...headerWarnings, ...warnings],
    model,
  };
  let output: ScoreOutput;
  if (options.labeller) {
    let analysis: Awaited<ReturnType<typeof analyzeVolume>>;
    try {
      analysis = await analyzeVolume(volume, options.labeller);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      return rejected(`${error.code}: ${error.message}`, model, { ...base, timingsMs: timings });
    }
    const { score, labels, timingsMs, warnings: labellerWarnings } = analysis;
    if (options.overlay) fs.writeFileSync(options.overlay, renderHeartOverlay(volume, locateHeart(volume), labels));
    timings.label = Math.round(timingsMs.label);
    timings.score = Math.round(timingsMs.score);
    output = { status: 'scored', reason: null, ...base, ...scoreFields(score), timingsMs: timings };
    output.warnings = [...output.warnings, ...labellerWarnings];
  } else {
    output = { ...rejected('', model), ...base, status: 'scored', reason: 'phantom QA: regions only, no labeller' };
  }
  if (options.rois) {
    const t2 = performance.now();
    const rois = scoreRois(volume, options.rois);
    output.rois = Object.fromEntries(
      Object.entries(rois).map(([name, s]) => [
        name,
        {
          agatston: roundTo(s.agatston),
          volumeMm3: roundTo(s.volumeMm3),
          massMg: s.massMg === null ? null : roundTo(s.massMg),
        },
      ]),
    );
    if (!options.labeller) {
      const total = roundTo(Object.values(rois).reduce((sum, s) => sum + s.agatston, 0));
      output.agatston = { total, byArtery: { LM: 0, LAD: 0, LCX: 0, RCA: 0 } };
    }
    timings.rois = Math.round(performance.now() - t2);
  }
  timings.total = Math.round(performance.now() - t0);
  output.timingsMs = timings;
  return output;
}

function printHuman(output: ScoreOutput): void {
  if (output.status === 'rejected') {
    console.log(`Rejected: ${output.reason}`);
    return;
  }
  const a = output.agatston;
  if (a) {
    console.log(
      `Agatston ${a.total} (LM ${a.byArtery.LM}, LAD ${a.byArtery.LAD}, LCX ${a.byArtery.LCX}, RCA ${a.byArtery.RCA})`,
    );
    console.log(
      `Category ${output.category}, CAC-DRS ${output.cacDrs}, volume ${output.volumeMm3} mm³, ${output.lesions.length} lesion(s)`,
    );
    if (output.grades) {
      const g = output.grades;
      console.log(`Grade ${g.visualFromAgatston} (non-gated reporting); ordinal score ${g.ordinal.total}/12`);
    }
  }
  for (const [name, roi] of Object.entries(output.rois ?? {})) {
    console.log(`ROI ${name}: Agatston ${roi.agatston}, volume ${roi.volumeMm3} mm³, mass ${roi.massMg ?? '-'} mg`);
  }
  if (output.qualityFlags.length) console.log(`Quality flags: ${output.qualityFlags.join(', ')}`);
  for (const warning of output.warnings) console.log(`Warning: ${warning}`);
}

/** `cacscreen score <dir> [--json] [--roi FILE] [--labeller NAME] [--overlay FILE.png]`. */
export async function scoreCommand(dir: string, options: ScoreCommandOptions): Promise<void> {
  const folder = path.resolve(dir);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`not a directory: ${dir}`);
  let rois: Roi[] | null = null;
  if (options.roi) {
    if (!fs.existsSync(options.roi)) throw new UsageError(`ROI file not found: ${options.roi}`);
    try {
      rois = parseRoiFile(fs.readFileSync(options.roi, 'utf8'));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  let labeller: CalciumLabeller | null = null;
  if (!rois) {
    try {
      labeller = await loadLabeller(options.labeller);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  if (options.overlay && !fs.existsSync(path.dirname(path.resolve(options.overlay)))) {
    throw new UsageError(`overlay folder not found: ${path.dirname(options.overlay)}`);
  }
  let reading: { limits: DicomLimits; budget: DecodeBudget };
  try {
    reading = { limits: limitsFromEnv(), budget: decodeBudgetFromEnv() };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const output = await scoreStudyFolder(folder, { labeller, rois, overlay: options.overlay, reading });
  if (options.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else printHuman(output);
}
