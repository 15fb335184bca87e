import type { HistoryEntryView, WorklistItemView, WorklistNoteView } from './worklist.dto';
import type { WorklistRow } from './worklist.repository';
import { gradesOfResult, gradesView } from '../results/result-grades';
import { cacPercentileView, preventView } from '../results/stored-risk';

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
    dueDate: isoDate(row.dueDate),
    dismissReason: row.dismissReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    patient: { mrn: row.patient.mrn, sex: row.patient.sex, site: row.patient.site },
    study: {
      studyInstanceUid: result.study.studyInstanceUid,
      studyDate: isoDate(result.study.studyDate),
      ageAtStudy: result.study.ageAtStudy,
    },
    result: {
      id: result.id,
      sweepId: result.sweepId,
      byArtery: { LM: result.agatstonLM, LAD: result.agatstonLAD, LCX: result.agatstonLCX, RCA: result.agatstonRCA },
      cacDrs: result.cacDrs,
      category: result.category,
      grades: gradesView(gradesOfResult(result.lesions, result.agatstonTotal)),
      lowConfidence: result.lowConfidence,
    },
    risk: result.risk
      ? {
          framinghamPct: result.risk.framinghamPct,
          pooledCohortPct: result.risk.pooledCohortPct,
          mesaWithCacPct: result.risk.mesaWithCacPct,
          prevent: preventView(result.risk.prevent),
          cacPercentile: cacPercentileView(result.risk.cacPercentile),
          rationale: result.risk.rationale,
          missing: result.risk.missing,
        }
      : null,
  };
}

export function toNoteView(note: { id: string; author: string; body: string; createdAt: Date }): WorklistNoteView {
  return { id: note.id, author: note.author, body: note.body, createdAt: note.createdAt.toISOString() };
}

export function toHistoryView(event: {
  at: Date;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  correlationId: string | null;
}): HistoryEntryView {
  return {
    at: event.at.toISOString(),
    actor: event.actor,
    action: event.action,
    before: event.before,
    after: event.after,
    correlationId: event.correlationId,
  };
}
