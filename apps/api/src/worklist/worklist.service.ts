import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { WorklistItemView, WorklistQuery } from './worklist.dto';
import { WorklistRepository, WorklistRow } from './worklist.repository';

const isoDate = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

export function toWorklistItemView(row: WorklistRow): WorklistItemView {
  const result = row.screeningResult;
  return {
    id: row.id,
    status: row.status,
    tier: row.tier,
    priority: row.priority,
    agatstonTotal: row.agatstonTotal,
    assignee: row.assignee,
    dueDate: row.dueDate?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    patient: { mrn: row.patient.mrn, sex: row.patient.sex },
    study: {
      studyInstanceUid: result.study.studyInstanceUid,
      studyDate: isoDate(result.study.studyDate),
      ageAtStudy: result.study.ageAtStudy,
    },
    result: {
      id: result.id,
      byArtery: { LM: result.agatstonLM, LAD: result.agatstonLAD, LCX: result.agatstonLCX, RCA: result.agatstonRCA },
      cacDrs: result.cacDrs,
      category: result.category,
      lowConfidence: result.lowConfidence,
    },
    risk: result.risk
      ? {
          framinghamPct: result.risk.framinghamPct,
          pooledCohortPct: result.risk.pooledCohortPct,
          mesaWithCacPct: result.risk.mesaWithCacPct,
          rationale: result.risk.rationale,
          missing: result.risk.missing,
        }
      : null,
  };
}

@Injectable()
export class WorklistService {
  constructor(private readonly repository: WorklistRepository) {}

  async list(query: WorklistQuery): Promise<Page<WorklistItemView>> {
    const { rows, total } = await this.repository.list(query);
    return { items: rows.map(toWorklistItemView), total, limit: query.limit, offset: query.offset };
  }
}
