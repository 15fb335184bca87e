import { readSeriesIsolated, readSeriesVolume, type DecodeBudget, type DicomLimits } from '@cacscreen/dicom';
import {
  analyzeVolume,
  type CalciumLabeller,
  type KeyImage,
  renderKeyImages,
  type ScoreResult,
} from '@cacscreen/scoring';

/** What analyzeSeries computes from a series' files, wherever it runs (this thread or an analysis thread). */
export interface FilesAnalysis {
  score: ScoreResult;
  warnings: string[];
  /** Rendered only when asked (the study has a row to attach them to). */
  keyImages: KeyImage[];
  timingsMs: { decode: number; label: number; score: number; keyImages: number };
}

export interface AnalyzeFilesOptions {
  limits?: DicomLimits;
  /** Threads sharing one series' pixel pass (default: CACSCREEN_DECODE_THREADS, else the cores up to 4). */
  decodeThreads?: number;
  renderKeyImages: boolean;
}

/** Label → score → key images on a volume already read; `decodeMs` is how long reading took. */
async function analyzeRead(
  read: { volume: Parameters<typeof analyzeVolume>[0]; warnings: string[] },
  decodeMs: number,
  labeller: CalciumLabeller,
  options: AnalyzeFilesOptions,
): Promise<FilesAnalysis> {
  const { volume, warnings } = read;
  const { score, labels, timingsMs, warnings: labellerWarnings } = await analyzeVolume(volume, labeller);
  const started = performance.now();
  const keyImages = options.renderKeyImages ? renderKeyImages(volume, labels, score) : [];
  return {
    score,
    warnings: [...warnings, ...labellerWarnings],
    keyImages,
    timingsMs: { decode: decodeMs, ...timingsMs, keyImages: performance.now() - started },
  };
}

/**
 * In this thread: the read isolated in a thread of its own under `budget` (a poison study is rejected with
 * RESOURCE_BUDGET), then label, score and key images here. For labellers that cannot move to a thread (the CNN's
 * ONNX session, test stubs).
 */
export async function analyzeFilesHere(
  files: string[],
  labeller: CalciumLabeller,
  budget: DecodeBudget,
  options: AnalyzeFilesOptions,
): Promise<FilesAnalysis> {
  const started = performance.now();
  const read = await readSeriesIsolated(
    files,
    { limits: options.limits, decodeThreads: options.decodeThreads },
    budget,
  );
  return analyzeRead(read, performance.now() - started, labeller, options);
}

/** Inside an analysis thread (analysis-thread.ts): the whole analysis, the read included, in this thread. */
export async function analyzeFilesInThisThread(
  files: string[],
  labeller: CalciumLabeller,
  options: AnalyzeFilesOptions,
): Promise<FilesAnalysis> {
  const started = performance.now();
  const read = await readSeriesVolume(files, { limits: options.limits, decodeThreads: options.decodeThreads });
  return analyzeRead(read, performance.now() - started, labeller, options);
}
