import { RESULT_COLUMNS, resultCells } from '../export/export-columns';
import { resultToFhirBundle } from './result-fhir';
import type { ResultWithPatientRow } from './results.repository';
import { toResultView } from './results.service';

// A scored result as the database holds it: lesions as the worker writes them, PREVENT and the MESA percentile as
// assessRisk gives them (preventr README example: 10-y 14.68 / 9.2 / 8.06 %, 30-y 52.99 / 35.43 / 38.96 %).
const sphere = (d: number) => (Math.PI / 6) * d ** 3;
const at = new Date('2026-12-01T10:00:00Z');
const row = {
  id: 'r1',
  studyId: 's1',
  sweepId: null,
  status: 'scored',
  reason: null,
  seriesInstanceUid: '1.2.3.4',
  modelName: 'cac',
  modelVersion: '1',
  agatstonTotal: 150,
  agatstonLM: 0,
  agatstonLAD: 120,
  agatstonLCX: 0,
  agatstonRCA: 30,
  volumeMm3: 140,
  massMg: null,
  cacDrs: '2',
  category: '100-299',
  lowConfidence: false,
  // LAD: 60 mm of 154.7 (> 1/3) → 2; RCA: one 5 mm deposit (≤ 1/3 of 163.6) → 1; a non-coronary entry is ignored
  lesions: [
    { artery: 'LAD', volumeMm3: sphere(30), agatston: 80, peakHu: 500, centroidMm: [0, 0, 0] },
    { artery: 'LAD', volumeMm3: sphere(30), agatston: 40, peakHu: 400, centroidMm: [0, 0, 5] },
    { artery: 'RCA', volumeMm3: sphere(5), agatston: 30, peakHu: 300, centroidMm: [0, 0, 9] },
    { artery: 'aorta', volumeMm3: 999 },
  ],
  qualityFlags: [],
  warnings: [],
  timingsMs: null,
  createdAt: at,
  updatedAt: at,
  study: {
    studyInstanceUid: '1.2.3',
    studyDate: new Date('2026-11-30T00:00:00Z'),
    patient: { mrn: 'MRN-1' },
  },
  risk: {
    id: 'k1',
    tier: 'statin-recommended',
    flagged: true,
    framinghamPct: 12.3,
    pooledCohortPct: 9.1,
    mesaWithoutCacPct: 5,
    mesaWithCacPct: 8.2,
    prevent: {
      tenYear: { totalCvdPct: 14.68, ascvdPct: 9.2, heartFailurePct: 8.06 },
      thirtyYear: { totalCvdPct: 52.99, ascvdPct: 35.43, heartFailurePct: 38.96 },
    },
    cacPercentile: {
      atOrAbove75th: true,
      p75: 54,
      percentileRank: 86.5,
      percentileRankRange: [86.5, 86.5],
      source: 'test',
      approximate: true,
    },
    rationale: ['CAC 150 ≥ 100 (CAC-DRS 2): statin recommended.'],
    missing: [],
    warnings: [],
    updatedAt: at,
  },
} as unknown as ResultWithPatientRow;

describe('result views with PREVENT and calcium grades', () => {
  it('shows the ordinal and visual grades beside Agatston and the PREVENT risks and percentile rank', () => {
    const view = toResultView(row);
    expect(view.grades).toMatchObject({
      ordinal: { total: 3, byArtery: { LM: 0, LAD: 2, LCX: 0, RCA: 1 } },
      visualFromAgatston: 'moderate',
      visualFromOrdinal: 'mild',
    });
    expect(view.risk?.prevent).toEqual({
      tenYear: { totalCvdPct: 14.68, ascvdPct: 9.2, heartFailurePct: 8.06 },
      thirtyYear: { totalCvdPct: 52.99, ascvdPct: 35.43, heartFailurePct: 38.96 },
    });
    expect(view.risk?.cacPercentile).toMatchObject({ percentileRank: 86.5, approximate: true });
  });

  it('has no PREVENT view for assessments stored before PREVENT, and no grades without a score', () => {
    const old = { ...row, agatstonTotal: null, risk: { ...row.risk, prevent: null, cacPercentile: null } };
    const view = toResultView(old as unknown as ResultWithPatientRow);
    expect(view.grades).toBeNull();
    expect(view.risk?.prevent).toBeNull();
    expect(view.risk?.cacPercentile).toBeNull();
  });

  it('exports the grades as Observation components and PREVENT as RiskAssessment predictions', () => {
    const bundle = resultToFhirBundle(row) as { entry: { resource: Record<string, unknown> }[] };
    const [observation, assessment] = bundle.entry.map((e) => e.resource) as [
      { component: { code: { text: string }; valueInteger?: number; valueCodeableConcept?: { text: string } }[] },
      {
        prediction: {
          outcome: { text: string };
          probabilityDecimal?: number;
          whenRange?: { high: { value: number } };
        }[];
      },
    ];
    const component = (text: string) => observation.component.find((c) => c.code.text.startsWith(text));
    expect(component('Ordinal coronary calcium score (0-12)')?.valueInteger).toBe(3);
    expect(component('Ordinal coronary calcium score, LAD')?.valueInteger).toBe(2);
    expect(component('Coronary calcium visual grade')?.valueCodeableConcept?.text).toBe('moderate');
    const predicted = (text: string) => assessment.prediction.find((p) => p.outcome.text === text);
    expect(predicted('10-year total CVD (PREVENT)')).toMatchObject({
      probabilityDecimal: 0.1468,
      whenRange: { high: { value: 10 } },
    });
    expect(predicted('30-year heart failure (PREVENT)')).toMatchObject({
      probabilityDecimal: 0.3896,
      whenRange: { high: { value: 30 } },
    });
  });

  it('puts PREVENT 10-year risks and the grade in the results CSV, one cell per column', () => {
    const cells = resultCells(row);
    expect(cells).toHaveLength(RESULT_COLUMNS.length);
    const cell = (name: string) => cells[RESULT_COLUMNS.indexOf(name)];
    expect([cell('prevent_total_cvd_10y_pct'), cell('prevent_ascvd_10y_pct'), cell('prevent_hf_10y_pct')]).toEqual([
      14.68, 9.2, 8.06,
    ]);
    expect([cell('ordinal_calcium_score'), cell('calcium_grade')]).toEqual([3, 'moderate']);
  });
});
