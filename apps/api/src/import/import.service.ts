import { Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import { RISK_FACTOR_FIELDS, type RiskFactorValues } from '@cacscreen/db';
import { assessStoredRisk } from '@cacscreen/risk';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import type { ImportReport, ParsedImport, ReassessmentView } from './import.dto';
import { ReassessmentRepository } from './reassessment.repository';
import { readRiskFactorsBundle } from './risk-factors-fhir';
import { readRiskFactorsCsv } from './risk-factors-csv';
import { RiskFactorsImportRepository } from './risk-factors-import.repository';

export type ImportPayload = { kind: 'csv'; text: string } | { kind: 'json'; body: unknown };

const SOURCE = { csv: 'import:csv', fhir: 'import:fhir' } as const;

/** Values on file overlaid with the imported ones: a blank cell or absent resource never erases a value. */
function merge(onFile: RiskFactorValues | undefined, imported: RiskFactorValues): RiskFactorValues {
  const merged: RiskFactorValues = { ...onFile };
  for (const field of RISK_FACTOR_FIELDS) {
    const value = imported[field];
    if (value !== undefined && value !== null) Object.assign(merged, { [field]: value });
  }
  return merged;
}

const sameValues = (a: RiskFactorValues, b: RiskFactorValues) =>
  RISK_FACTOR_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));

@Injectable()
export class ImportService {
  constructor(
    private readonly factors: RiskFactorsImportRepository,
    private readonly reassessment: ReassessmentRepository,
  ) {}

  /**
   * Validates every row, stores the valid ones that change something (risk factors, site), and re-assesses the
   * patients whose risk factors changed.
   */
  async importRiskFactors(actor: Actor, payload: ImportPayload, dryRun: boolean): Promise<ImportReport> {
    authorize(actor, 'lead');
    const parsed = this.parse(payload);
    const source = SOURCE[parsed.format];
    const onFile = await this.factors.onFile(parsed.rows.map((row) => row.mrn));
    const changed: string[] = [];
    const reassess: string[] = [];
    let unchanged = 0;
    for (const row of parsed.rows) {
      const before = onFile.get(row.mrn);
      const values = merge(before?.values, row.values);
      // A row with only a site changes no risk factors (and adds no risk-factor row).
      const valuesChanged =
        Object.keys(row.values).length > 0 &&
        !(before && before.source === source && sameValues(before.values, values));
      const siteChanged = row.site !== undefined && row.site !== before?.site;
      if (!valuesChanged && !siteChanged) {
        unchanged++;
        continue;
      }
      if (dryRun) {
        changed.push(row.mrn);
        continue;
      }
      if (siteChanged && row.site !== undefined) {
        await this.factors.storeSite(actor, { mrn: row.mrn, sex: row.sex, site: row.site, source });
      }
      const patientId = valuesChanged
        ? await this.factors.store(actor, {
            mrn: row.mrn,
            sex: row.sex,
            source,
            values,
            before: before?.values ?? null,
          })
        : null;
      if (patientId) reassess.push(patientId);
      if (patientId || siteChanged) changed.push(row.mrn);
      else unchanged++;
    }
    const reassessed = dryRun ? [] : await this.reassess(actor, reassess);
    return {
      format: parsed.format,
      dryRun,
      received: parsed.received,
      valid: parsed.rows.length,
      stored: changed.length,
      unchanged,
      errors: parsed.errors,
      reassessed,
    };
  }

  private parse(payload: ImportPayload): ParsedImport {
    if (payload.kind === 'csv') return readRiskFactorsCsv(payload.text);
    return readRiskFactorsBundle(payload.body);
  }

  /** Runs the risk engine again on each patient's newest scored result with the risk factors now on file. */
  private async reassess(actor: Actor, patientIds: string[]): Promise<ReassessmentView[]> {
    const views: ReassessmentView[] = [];
    for (const patientId of patientIds) {
      const result = await this.reassessment.latestScoredResult(patientId);
      if (!result || result.agatstonTotal === null) continue;
      const factors = await this.reassessment.latestFactors(patientId);
      const risk = assessStoredRisk(result.study.patient, result.study, factors, result.agatstonTotal);
      const worklist = await this.reassessment.apply(
        actor,
        { resultId: result.id, patientId, agatstonTotal: result.agatstonTotal },
        risk,
      );
      views.push({
        mrn: result.study.patient.mrn,
        resultId: result.id,
        tierBefore: result.risk?.tier ?? null,
        tierAfter: risk.tier,
        flagged: risk.flagged,
        worklist,
      });
    }
    return views;
  }

  static unsupported(contentType: string | undefined): UnsupportedMediaTypeException {
    return new UnsupportedMediaTypeException(
      `Send text/csv or a FHIR Bundle as application/fhir+json (got ${contentType ?? 'no content type'})`,
    );
  }
}
