import fs from 'node:fs';
import path from 'node:path';
import {
  decodeBudgetFromEnv,
  indexFolder,
  limitsFromEnv,
  readSeriesIsolated,
  selectSeries,
  type DecodeBudget,
  type DicomLimits,
} from '@cacscreen/dicom';
import {
  analyzeVolume,
  CalciumLabeller,
  locateHeart,
  renderHeartOverlay,
  parseRoiFile,
  Roi,
  roundTo,
  ScoringError,
  scoreRois,
} from '@cacscreen/scoring';
import { loadLabeller } from '@cacscreen/worker';
import { printHuman } from './score-human';
import {
  describeUnreadable,
  rejected,
  rejectionReason,
  scoreFields,
  type ScoreOutput,
  unreadableNote,
} from './score-output';
import { UsageError } from './usage-error';

export interface ScoreCommandOptions {
  json?: boolean;
  roi?: string;
  labeller?: string;
  /** Write a PNG of where the heart was found and what was labelled (anatomy/render-heart-overlay.ts). */
  overlay?: string;
}

const PHANTOM_QA_POLICY = { minSlices: 1, minZRangeMm: 0 };

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
