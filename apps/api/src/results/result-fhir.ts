import { gradesOfResult } from './result-grades';
import type { ResultWithPatientRow } from './results.repository';
import { preventView, type PreventView } from './stored-risk';

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
const years = (value: number) => ({ high: { value, unit: 'years', system: UCUM, code: 'a' } });
const years10 = years(10);

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
  const grades = gradesOfResult(row.lesions, row.agatstonTotal);
  const gradeText = grades
    ? [
        `visual grade ${grades.visualFromAgatston} (from Agatston), ${grades.visualFromOrdinal} ` +
          `(from ordinal score ${grades.ordinal.total}/12)`,
      ]
    : [];
  const gradeComponents = grades
    ? [
        {
          code: code('ordinal-total', 'Ordinal coronary calcium score (0-12), non-gated chest CT'),
          valueInteger: grades.ordinal.total,
        },
        ...ARTERIES.map((artery) => ({
          code: code(`ordinal-${artery}`, `Ordinal coronary calcium score, ${artery} (0-3)`),
          valueInteger: grades.ordinal.byArtery[artery],
        })),
        {
          code: code('visual-grade', 'Coronary calcium visual grade (none/mild/moderate/severe)'),
          valueCodeableConcept: code(`visual-${grades.visualFromAgatston}`, grades.visualFromAgatston),
        },
      ]
    : [];
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
    interpretation: [
      { text: [`CAC-DRS ${row.cacDrs ?? 'n/a'}; category ${row.category ?? 'n/a'}`, ...gradeText].join('; ') },
    ],
    method: { text: `${row.modelName} ${row.modelVersion}` },
    derivedFrom: [
      { type: 'ImagingStudy', identifier: { system: 'urn:dicom:uid', value: `urn:oid:${row.study.studyInstanceUid}` } },
    ],
    note: row.qualityFlags.map((flag) => ({ text: `quality: ${flag}` })),
    component: [
      ...ARTERIES.flatMap((artery) => {
        const value = byArtery[artery];
        return value === null
          ? []
          : [{ code: code(`agatston-${artery}`, `Agatston score, ${artery}`), valueQuantity: agatston(value) }];
      }),
      ...gradeComponents,
    ],
  };
}

function probability(outcome: string, pct: number | null, when = years10) {
  return pct === null
    ? []
    : [{ outcome: { text: outcome }, probabilityDecimal: Math.round(pct * 100) / 10000, whenRange: when }];
}

function preventPredictions(prevent: PreventView | null) {
  const horizons = [
    ['10-year', prevent?.tenYear ?? null, years10],
    ['30-year', prevent?.thirtyYear ?? null, years(30)],
  ] as const;
  return horizons.flatMap(([label, risks, when]) =>
    risks === null
      ? []
      : [
          ...probability(`${label} total CVD (PREVENT)`, risks.totalCvdPct, when),
          ...probability(`${label} ASCVD (PREVENT)`, risks.ascvdPct, when),
          ...probability(`${label} heart failure (PREVENT)`, risks.heartFailurePct, when),
        ],
  );
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
      text: 'cacscreen risk engine: Framingham 2008, Pooled Cohort Equations, MESA-CHD with CAC, AHA PREVENT (base model); AHA/ACC 2018 + CAC-DRS tiers',
    },
    prediction: [
      ...probability('10-year hard ASCVD (Pooled Cohort Equations)', risk.pooledCohortPct),
      ...probability('10-year general CVD (Framingham 2008)', risk.framinghamPct),
      ...probability('10-year hard CHD with CAC (MESA)', risk.mesaWithCacPct),
      ...preventPredictions(preventView(risk.prevent)),
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
