import { observationFact } from './fhir-facts';
import { readRiskFactorsBundle } from './risk-factors-fhir';
import { readRiskFactorsCsv } from './risk-factors-csv';

const observation = (code: string, value: number, unit: string, effectiveDateTime?: string) => ({
  resourceType: 'Observation' as const,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime,
  valueQuantity: { value, unit, code: unit },
});

describe('BMI and eGFR import (PREVENT inputs)', () => {
  it('reads the bmi_kg_m2 and egfr_ml_min_1_73m2 CSV columns and refuses implausible values', () => {
    const csv = 'mrn,bmi_kg_m2,egfr_ml_min_1_73m2\nA1,31.2,74\nA2,3.1,250\n';
    const parsed = readRiskFactorsCsv(csv);
    expect(parsed.rows).toEqual([{ row: 2, mrn: 'A1', sex: undefined, values: { bmi: 31.2, egfr: 74 } }]);
    expect(parsed.errors).toEqual([
      { row: 3, field: 'bmi_kg_m2', message: 'bmi_kg_m2: 3.1 is outside 10-80 kg/m²' },
      { row: 3, field: 'egfr_ml_min_1_73m2', message: 'egfr_ml_min_1_73m2: 250 is outside 1-200 mL/min/1.73 m²' },
    ]);
  });

  it.each([
    ['39156-5', 'kg/m2', 'bmi'],
    ['98979-8', 'mL/min/{1.73_m2}', 'egfr'],
    ['62238-1', 'mL/min/1.73m2', 'egfr'],
    ['33914-3', 'mL/min/{1.73_m2}', 'egfr'],
  ])('takes LOINC %s in %s as %s', (code, unit, field) => {
    expect(observationFact(observation(code, 42, unit))).toEqual({ ok: true, value: { field, value: 42 } });
  });

  it('refuses a wrong unit naming the expected one', () => {
    expect(observationFact(observation('39156-5', 31, 'lb/in2'))).toEqual({
      ok: false,
      message: 'unit "lb/in2" is not kg/m2',
    });
    expect(observationFact(observation('98979-8', 80, 'mL/min'))).toEqual({
      ok: false,
      message: 'unit "ml/min" is not mL/min/{1.73_m2}',
    });
  });

  it('keeps the newest eGFR of a bundle whatever its LOINC code', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            identifier: [{ value: 'MRN-1' }],
            gender: 'female',
          },
        },
        { resource: observation('33914-3', 55, 'mL/min/{1.73_m2}', '2024-01-01') },
        { resource: observation('98979-8', 61, 'mL/min/{1.73_m2}', '2025-02-01') },
        { resource: observation('39156-5', 28.4, 'kg/m2', '2025-02-01') },
      ],
    };
    const parsed = readRiskFactorsBundle(bundle);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]).toMatchObject({ mrn: 'MRN-1', sex: 'F', values: { egfr: 61, bmi: 28.4 } });
  });
});
