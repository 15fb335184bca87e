import { Inject, Injectable } from '@nestjs/common';
import { Db, latestRiskFactors, Prisma, RiskRecord, riskAssessmentColumns, TIER_PRIORITY } from '@cacscreen/db';
import { AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../common/request-context';
import { DB } from '../common/tokens';

export type WorklistOutcome = 'created' | 'updated' | 'unchanged' | 'none';

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
      return this.alignWorklist(tx, actor, target, risk);
    });
  }

  private async alignWorklist(
    tx: Prisma.TransactionClient,
    actor: Actor,
    target: { resultId: string; patientId: string; agatstonTotal: number },
    risk: RiskRecord,
  ): Promise<WorklistOutcome> {
    const priority = TIER_PRIORITY[risk.tier] ?? 9;
    const open = await tx.worklistItem.findUnique({ where: { openKey: target.patientId } });
    const columns = {
      screeningResultId: target.resultId,
      tier: risk.tier,
      priority,
      agatstonTotal: target.agatstonTotal,
    };
    if (open) {
      if (open.screeningResultId === target.resultId && open.tier === risk.tier && open.priority === priority)
        return 'unchanged';
      const updated = await tx.worklistItem.update({ where: { id: open.id }, data: columns });
      const view = (row: typeof open) => ({
        tier: row.tier,
        priority: row.priority,
        screeningResultId: row.screeningResultId,
      });
      await this.audit.record(
        actor,
        {
          action: 'worklist.reassessed',
          entityType: 'WorklistItem',
          entityId: open.id,
          before: view(open),
          after: view(updated),
        },
        tx,
      );
      return 'updated';
    }
    if (!risk.flagged) return 'none';
    const earlier = await tx.worklistItem.count({ where: { screeningResultId: target.resultId } });
    if (earlier > 0) return 'none';
    const created = await tx.worklistItem.create({
      data: { ...columns, patientId: target.patientId, openKey: target.patientId },
    });
    await this.audit.record(
      actor,
      {
        action: 'worklist.flagged',
        entityType: 'WorklistItem',
        entityId: created.id,
        after: { ...columns, status: created.status },
      },
      tx,
    );
    return 'created';
  }
}
