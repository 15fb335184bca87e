// Activities that do no work: for measuring and testing Temporal orchestration alone (history size, overhead).
import type { ActivityOverrides, SeriesAnalysis } from '@cacscreen/worker';

export interface StubArchive extends Required<ActivityOverrides> {
  /** Study UIDs whose outcome was recorded, with how many times (a retried activity may record twice). */
  recorded: Map<string, number>;
}

/**
 * A pretend archive of `studies` studies (UIDs unique to this call, so runs never collide on child workflow IDs)
 * whose analysis takes `analysisMs`.
 */
export function stubArchive(studies: number, options: { analysisMs?: number } = {}): StubArchive {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const uid = (i: number) => `2.25.${tag}.${i}`;
  const recorded = new Map<string, number>();
  const analysis = (seriesInstanceUid: string): SeriesAnalysis => ({
    seriesInstanceUid,
    model: { name: 'stub', version: 'stub' },
    agatstonTotal: 0,
    byArtery: { LM: 0, LAD: 0, LCX: 0, RCA: 0 },
    volumeMm3: 0,
    massMg: null,
    cacDrs: '0',
    category: '0',
    lesions: [],
    qualityFlags: [],
    timingsMs: {},
  });
  return {
    recorded,
    screening: {
      async listStudiesPage({ cursor, pageSize }) {
        const start = cursor === null ? 0 : Number(cursor);
        const end = Math.min(studies, start + pageSize);
        const studyInstanceUids = Array.from({ length: end - start }, (_, k) => uid(start + k));
        return {
          studyInstanceUids,
          alreadyScreened: 0,
          olderThanWatermark: 0,
          nextCursor: end < studies ? String(end) : null,
        };
      },
      registerSweep: async () => `stub-sweep-${tag}`,
      readWatermark: async () => null,
      prepareStudy: async ({ studyInstanceUid }) => ({
        studyId: studyInstanceUid,
        alreadyScreened: false,
        chosenSeriesUid: `${studyInstanceUid}.1`,
        lowConfidence: false,
        reason: 'stub',
      }),
      async recordOutcome(input) {
        recorded.set(input.studyId, (recorded.get(input.studyId) ?? 0) + 1);
        return { flagged: false, tier: 'routine' };
      },
      saveSweepProgress: async () => undefined,
    },
    inference: {
      async analyzeSeries({ seriesInstanceUid }) {
        if (options.analysisMs) await new Promise((resolve) => setTimeout(resolve, options.analysisMs));
        return analysis(seriesInstanceUid);
      },
    },
  };
}
