import { Inject, Injectable } from '@nestjs/common';
import {
  alignOpenWorklistItem,
  Db,
  type WorklistChange,
  latestRiskFactors,
  RiskRecord,
  riskAssessmentColumns,
} from '@cacscreen/db';
import { AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../common/request-context';
import { DB } from '../common/tokens';

export type WorklistOutcome = 'created' | 'updated' | 'unchanged' | 'none';

/** The import report's words for what the shared worklist rule did (prisma/src/worklist-alignment.ts). */
const WORKLIST_OUTCOME: Record<WorklistChange, WorklistOutcome> = {
  created: 'created',
  rescored: 'updated',
  attached: 'updated',
  unchanged: 'unchanged',
  none: 'none',
};

@Injectable()
export class ReassessmentRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly audit: AuditRepository,
  ) {}

  /** The patient's newest scored result (by study date, then when it was scored) with what its assessment needs. */
  latestScoredResult(patientId: string) {
    return this.db.screeningResult.findFirst({
      where: { status: 'scored', agatstonTotal: { not: null }, study: { patientId } },
      include: { study: { include: { patient: true } }, risk: true },
      orderBy: [{ study: { studyDate: { sort: 'desc', nulls: 'last' } } }, { createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  latestFactors(patientId: string) {
    return latestRiskFactors(this.db, patientId);
  }

  /**
   * Replaces the result's risk assessment and brings the patient's open worklist item in line, in one transaction with
   * audit events: an open item takes the new tier and priority; a newly flagged patient gets an item unless this
   * result already had one (a coordinator's closed or dismissed decision on the same study stands).
   */
  async apply(
    actor: Actor,
    target: { resultId: string; patientId: string; agatstonTotal: number },
    risk: RiskRecord,
  ): Promise<WorklistOutcome> {
    return this.db.$transaction(async (tx) => {
      const fields = riskAssessmentColumns(risk);
      const before = await tx.riskAssessment.findUnique({ where: { screeningResultId: target.resultId } });
      const after = await tx.riskAssessment.upsert({
        where: { screeningResultId: target.resultId },
        create: { screeningResultId: target.resultId, ...fields },
        update: fields,
      });
      const summary = (row: typeof after | null) =>
        row
          ? { tier: row.tier, flagged: row.flagged, pooledCohortPct: row.pooledCohortPct, missing: row.missing }
          : null;
      await this.audit.record(
        actor,
        {
          action: 'risk.reassessed',
          entityType: 'ScreeningResult',
          entityId: target.resultId,
          before: summary(before),
          after: summary(after),
        },
        tx,
      );
      const change = await alignOpenWorklistItem(
        tx,
        {
          patientId: target.patientId,
          screeningResultId: target.resultId,
          tier: risk.tier,
          flagged: risk.flagged,
          agatstonTotal: target.agatstonTotal,
        },
        { name: actor.name, correlationId: actor.correlationId },
      );
      return WORKLIST_OUTCOME[change];
    });
  }
}
