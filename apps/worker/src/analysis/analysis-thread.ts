import { serveParent } from '@cacscreen/dicom';
import { ScoringError } from '@cacscreen/scoring';
import { loadLabeller } from '../labeller';
import { type AnalyzeFilesOptions, type FilesAnalysis, analyzeFilesInThisThread } from './analyze-files';

export interface AnalysisJob {
  files: string[];
  labeller: string;
  options: AnalyzeFilesOptions;
}

/** A ScoringError does not survive structured cloning as itself: it comes back as data and is thrown again. */
export type AnalysisAnswer =
  { analysis: FilesAnalysis } | { scoringError: { code: ScoringError['code']; message: string } };

/** Thread entry for analyzeFilesInThread: one series from files to score and key images; the labeller stays warm. */
serveParent<AnalysisJob, AnalysisAnswer>(async ({ files, labeller, options }) => {
  try {
    const analysis = await analyzeFilesInThisThread(files, await loadLabeller(labeller), options);
    return { value: { analysis } };
  } catch (error) {
    if (error instanceof ScoringError) return { value: { scoringError: { code: error.code, message: error.message } } };
    throw error;
  }
});
