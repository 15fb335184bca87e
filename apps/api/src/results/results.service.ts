import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { ResultsQuery } from './results.dto';
import { ResultRow, ResultsRepository } from './results.repository';

export function toResultView(row: ResultRow) {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    studyInstanceUid: row.study.studyInstanceUid,
    seriesInstanceUid: row.seriesInstanceUid,
    model: { name: row.modelName, version: row.modelVersion },
    agatston:
      row.agatstonTotal === null
        ? null
        : { total: row.agatstonTotal, byArtery: { LM: row.agatstonLM, LAD: row.agatstonLAD, LCX: row.agatstonLCX, RCA: row.agatstonRCA } },
    volumeMm3: row.volumeMm3,
    massMg: row.massMg,
    cacDrs: row.cacDrs,
    category: row.category,
    lowConfidence: row.lowConfidence,
    qualityFlags: row.qualityFlags,
    risk: row.risk
      ? {
          tier: row.risk.tier,
          flagged: row.risk.flagged,
          framinghamPct: row.risk.framinghamPct,
          pooledCohortPct: row.risk.pooledCohortPct,
          mesaWithoutCacPct: row.risk.mesaWithoutCacPct,
          mesaWithCacPct: row.risk.mesaWithCacPct,
          rationale: row.risk.rationale,
          missing: row.risk.missing,
          warnings: row.risk.warnings,
        }
      : null,
    sweepId: row.sweepId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type ResultView = ReturnType<typeof toResultView>;

@Injectable()
export class ResultsService {
  constructor(private readonly repository: ResultsRepository) {}

  async list(query: ResultsQuery): Promise<Page<ResultView>> {
    const { rows, total } = await this.repository.list(query);
    return { items: rows.map(toResultView), total, limit: query.limit, offset: query.offset };
  }

  /** One result with every series of its study and the reason each was chosen or rejected. */
  async get(id: string) {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`No screening result ${id}`);
    const series = await this.repository.seriesDecisions(row.studyId);
    return {
      ...toResultView(row),
      lesions: row.lesions,
      timingsMs: row.timingsMs,
      series: series.map((s) => ({
        seriesInstanceUid: s.seriesInstanceUid,
        description: s.description,
        modality: s.modality,
        sliceThicknessMm: s.sliceThicknessMm,
        sliceCount: s.sliceCount,
        chosen: s.chosen,
        lowConfidence: s.lowConfidence,
        reason: s.reason,
      })),
    };
  }
}
