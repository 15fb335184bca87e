import type { Db } from './client';

export interface RiskFactorValues {
  race?: string | null;
  totalCholesterol?: number | null;
  hdl?: number | null;
  systolicBp?: number | null;
  bmi?: number | null;
  egfr?: number | null;
  bpTreated?: boolean | null;
  smoker?: boolean | null;
  diabetes?: boolean | null;
  lipidLowering?: boolean | null;
  familyHistory?: boolean | null;
  knownAscvd?: boolean | null;
}

/** The risk-factor columns, in one place for every reader and writer of them. */
export const RISK_FACTOR_FIELDS = [
  'race',
  'totalCholesterol',
  'hdl',
  'systolicBp',
  'bmi',
  'egfr',
  'bpTreated',
  'smoker',
  'diabetes',
  'lipidLowering',
  'familyHistory',
  'knownAscvd',
] as const;

/**
 * Stores a patient's risk factors from one source (creating the patient by MRN if unseen). Importing the same values
 * again adds nothing; changed values add a new row, which becomes the one used. Returns whether a row was added.
 */
export async function recordRiskFactors(
  db: Db,
  input: { mrn: string; sex?: string | null; source: string; values: RiskFactorValues },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const patient = await tx.patient.upsert({
      where: { mrn: input.mrn },
      create: { mrn: input.mrn, sex: input.sex ?? null },
      update: {},
    });
    const latest = await tx.riskFactors.findFirst({
      where: { patientId: patient.id },
      orderBy: { recordedAt: 'desc' },
    });
    const normalised = Object.fromEntries(
      RISK_FACTOR_FIELDS.map((field) => [field, input.values[field] ?? null]),
    ) as Required<RiskFactorValues>;
    if (
      latest &&
      latest.source === input.source &&
      RISK_FACTOR_FIELDS.every((field) => latest[field] === normalised[field])
    )
      return false;
    await tx.riskFactors.create({ data: { patientId: patient.id, source: input.source, ...normalised } });
    return true;
  });
}

/**
 * Stores the site an import gave for a patient (creating the patient by MRN if unseen): it replaces a site read from
 * a DICOM header. Returns the site on file before, or undefined when the patient was new.
 */
export async function recordPatientSite(
  db: Db,
  input: { mrn: string; sex?: string | null; site: string },
): Promise<{ patientId: string; before: string | null | undefined }> {
  return db.$transaction(async (tx) => {
    const existing = await tx.patient.findUnique({ where: { mrn: input.mrn }, select: { id: true, site: true } });
    if (existing) {
      if (existing.site !== input.site)
        await tx.patient.update({ where: { id: existing.id }, data: { site: input.site } });
      return { patientId: existing.id, before: existing.site };
    }
    const created = await tx.patient.create({ data: { mrn: input.mrn, sex: input.sex ?? null, site: input.site } });
    return { patientId: created.id, before: undefined };
  });
}
