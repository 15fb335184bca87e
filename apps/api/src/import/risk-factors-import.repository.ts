import { Inject, Injectable } from '@nestjs/common';
import { Db, recordPatientSite, recordRiskFactors, RISK_FACTOR_FIELDS, RiskFactorValues } from '@cacscreen/db';
import { AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../common/request-context';
import { DB } from '../common/tokens';

@Injectable()
export class RiskFactorsImportRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly audit: AuditRepository,
  ) {}

  /** The patient (if known), their site and the risk factors on file for each MRN, newest row only. */
  async onFile(
    mrns: string[],
  ): Promise<Map<string, { patientId: string; site: string | null; source: string | null; values: RiskFactorValues }>> {
    const patients = await this.db.patient.findMany({
      where: { mrn: { in: mrns } },
      include: { riskFactors: { orderBy: { recordedAt: 'desc' }, take: 1 } },
    });
    return new Map(
      patients.map((patient) => {
        const latest = patient.riskFactors[0];
        const values = Object.fromEntries(
          RISK_FACTOR_FIELDS.map((field) => [field, latest?.[field] ?? null]),
        ) as RiskFactorValues;
        return [patient.mrn, { patientId: patient.id, site: patient.site, source: latest?.source ?? null, values }];
      }),
    );
  }

  /** Stores the values (a new row when they changed) and audits it; returns the patient's ID when a row was added. */
  async store(
    actor: Actor,
    input: { mrn: string; sex?: string; source: string; values: RiskFactorValues; before: RiskFactorValues | null },
  ): Promise<string | null> {
    const added = await recordRiskFactors(this.db, {
      mrn: input.mrn,
      sex: input.sex ?? null,
      source: input.source,
      values: input.values,
    });
    if (!added) return null;
    const patient = await this.db.patient.findUniqueOrThrow({ where: { mrn: input.mrn }, select: { id: true } });
    await this.audit.record(actor, {
      action: 'risk-factors.imported',
      entityType: 'Patient',
      entityId: patient.id,
      before: input.before,
      after: { source: input.source, ...input.values },
    });
    return patient.id;
  }

  /** Stores the imported site of a patient (creating the patient if unseen) and audits the change. */
  async storeSite(actor: Actor, input: { mrn: string; sex?: string; site: string; source: string }): Promise<void> {
    const { patientId, before } = await recordPatientSite(this.db, {
      mrn: input.mrn,
      sex: input.sex ?? null,
      site: input.site,
    });
    await this.audit.record(actor, {
      action: 'patient.site-imported',
      entityType: 'Patient',
      entityId: patientId,
      before: before === undefined ? null : { site: before },
      after: { source: input.source, site: input.site },
    });
  }
}
