import type { ResultWithPatientRow } from './results.repository';

/** cacscreen's own code system: no LOINC code is asserted for an opportunistic (non-gated) Agatston score. */
export const CACSCREEN_CODES = 'https://github.com/cacscreen/cacscreen/fhir/CodeSystem/cac';
const UCUM = 'http://unitsofmeasure.org';
const ARTERIES = ['LM', 'LAD', 'LCX', 'RCA'] as const;

type FhirResource = Record<string, unknown>;

const code = (value: string, display: string) => ({
  coding: [{ system: CACSCREEN_CODES, code: value, display }],
  text: display,
});
const agatston = (value: number) => ({ value, unit: 'Agatston units', system: UCUM, code: '1' });
const years10 = { high: { value: 10, unit: 'years', system: UCUM, code: 'a' } };

function subject(row: ResultWithPatientRow) {
  const mr = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] };
  return { identifier: { type: mr, value: row.study.patient.mrn } };
}

export function agatstonObservation(row: ResultWithPatientRow): FhirResource {
  const byArtery: Record<(typeof ARTERIES)[number], number | null> = {
    LM: row.agatstonLM,
    LAD: row.agatstonLAD,
    LCX: row.agatstonLCX,
    RCA: row.agatstonRCA,
  };
  return {
    resourceType: 'Observation',
    id: row.id,
    status: row.lowConfidence ? 'preliminary' : 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'imaging', display: 'Imaging' },
        ],
      },
    ],
    code: code('agatston-total', 'Coronary artery calcium score (Agatston), opportunistic chest CT'),
    subject: subject(row),
    effectiveDateTime: row.study.studyDate?.toISOString().slice(0, 10),
    issued: row.updatedAt.toISOString(),
    valueQuantity: agatston(row.agatstonTotal ?? 0),
    interpretation: [{ text: `CAC-DRS ${row.cacDrs ?? 'n/a'}; category ${row.category ?? 'n/a'}` }],
    method: { text: `${row.modelName} ${row.modelVersion}` },
    derivedFrom: [
      { type: 'ImagingStudy', identifier: { system: 'urn:dicom:uid', value: `urn:oid:${row.study.studyInstanceUid}` } },
    ],
    note: row.qualityFlags.map((flag) => ({ text: `quality: ${flag}` })),
    component: ARTERIES.flatMap((artery) => {
      const value = byArtery[artery];
      return value === null
        ? []
        : [{ code: code(`agatston-${artery}`, `Agatston score, ${artery}`), valueQuantity: agatston(value) }];
    }),
  };
}

function probability(outcome: string, pct: number | null) {
  return pct === null
    ? []
    : [{ outcome: { text: outcome }, probabilityDecimal: Math.round(pct * 100) / 10000, whenRange: years10 }];
}

export function riskAssessmentResource(row: ResultWithPatientRow): FhirResource | null {
  const risk = row.risk;
  if (!risk) return null;
  const rationale = Array.isArray(risk.rationale)
    ? risk.rationale.filter((line): line is string => typeof line === 'string')
    : [];
  return {
    resourceType: 'RiskAssessment',
    id: risk.id,
    status: 'final',
    subject: subject(row),
    occurrenceDateTime: risk.updatedAt.toISOString(),
    basis: [{ reference: `urn:uuid:${row.id}` }],
    method: {
      text: 'cacscreen risk engine: Framingham 2008, Pooled Cohort Equations, MESA-CHD with CAC; AHA/ACC 2018 + CAC-DRS tiers',
    },
    prediction: [
      ...probability('10-year hard ASCVD (Pooled Cohort Equations)', risk.pooledCohortPct),
      ...probability('10-year general CVD (Framingham 2008)', risk.framinghamPct),
      ...probability('10-year hard CHD with CAC (MESA)', risk.mesaWithCacPct),
      { outcome: { text: 'Screening tier' }, qualitativeRisk: code(`tier-${risk.tier}`, risk.tier) },
    ],
    mitigation: risk.flagged ? 'Flagged for care-coordinator follow-up' : undefined,
    note: [
      ...rationale.map((text) => ({ text })),
      ...(risk.missing.length ? [{ text: `Missing inputs: ${risk.missing.join(', ')}` }] : []),
    ],
  };
}

/** A FHIR R4 Bundle of type collection holding the Observation and, when assessed, the RiskAssessment. */
export function resultToFhirBundle(row: ResultWithPatientRow): FhirResource {
  const resources = [agatstonObservation(row), riskAssessmentResource(row)].filter(
    (r): r is FhirResource => r !== null,
  );
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${String(resource.id)}`, resource })),
  };
}
