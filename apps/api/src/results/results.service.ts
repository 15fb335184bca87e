import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Page } from '../common/pagination';
import type { Actor } from '../common/request-context';
import { resultToFhirBundle } from './result-fhir';
import { gradesOfResult, gradesView } from './result-grades';
import type { ResultsQuery } from './results.dto';
import { ResultRow, ResultsRepository } from './results.repository';
import { cacPercentileView, preventView } from './stored-risk';

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
        : {
            total: row.agatstonTotal,
            byArtery: { LM: row.agatstonLM, LAD: row.agatstonLAD, LCX: row.agatstonLCX, RCA: row.agatstonRCA },
          },
    volumeMm3: row.volumeMm3,
    massMg: row.massMg,
    cacDrs: row.cacDrs,
    category: row.category,
    // Ordinal (0–12) and none/mild/moderate/severe grades beside Agatston, for non-gated scans.
    grades: gradesView(gradesOfResult(row.lesions, row.agatstonTotal)),
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
          prevent: preventView(row.risk.prevent),
          cacPercentile: cacPercentileView(row.risk.cacPercentile),
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
  constructor(
    private readonly repository: ResultsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, query: ResultsQuery): Promise<Page<ResultView>> {
    authorize(actor, 'lead');
    const { rows, total } = await this.repository.list(query);
    await this.audit.record(actor, {
      action: 'results.listed',
      entityType: 'ScreeningResult',
      entityId: '*',
      after: { query, ids: rows.map((row) => row.id) },
    });
    return { items: rows.map(toResultView), total, limit: query.limit, offset: query.offset };
  }

  /** One result with every series of its study and the reason each was chosen or rejected. */
  async get(actor: Actor, id: string) {
    authorize(actor, 'lead');
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`No screening result ${id}`);
    await this.audit.record(actor, { action: 'result.viewed', entityType: 'ScreeningResult', entityId: id });
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

  /** The result as a FHIR R4 collection Bundle: an Agatston Observation and, when assessed, a RiskAssessment. */
  async fhir(actor: Actor, id: string) {
    authorize(actor, 'lead');
    const row = await this.repository.findWithPatient(id);
    if (!row) throw new NotFoundException(`No screening result ${id}`);
    if (row.status !== 'scored')
      throw new NotFoundException(`Screening result ${id} is ${row.status}: it has no score to export`);
    await this.audit.record(actor, {
      action: 'result.exported',
      entityType: 'ScreeningResult',
      entityId: id,
      after: { format: 'fhir' },
    });
    return resultToFhirBundle(row);
  }
}
