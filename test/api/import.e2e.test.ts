// Risk-factor import: CSV and FHIR R4, per-row errors, dry run, re-import, and re-assessment of scored results.
jest.setTimeout(120_000);

import request from 'supertest';
import { assessRisk } from '@cacscreen/risk';
import { startTestApi, TestApi } from './support/api-app';
import { seedPatient } from './support/seed';

const CSV = [
  'mrn,race,total_cholesterol_mg_dl,hdl_mg_dl,systolic_bp_mmhg,bp_treated,smoker,diabetes,lipid_lowering,family_history,known_ascvd',
  'IMP-001,white,240,38,150,yes,true,no,no,no,no',
  'IMP-002,black,190,55,128,0,0,0,0,1,0',
  'IMP-003,white,5.2,50,400,maybe,,,,,',
  ',white,200,50,120,no,no,no,no,no,no',
  'IMP-004,,,,,,,,,,',
  'IMP-001,white,200,50,120,no,no,no,no,no,no',
].join('\r\n');

describe('risk-factor import', () => {
  let api: TestApi;
  const post = (body: string | object, type: string, query = '', key?: string) =>
    request(api.app.getHttpServer())
      .post(`/api/import/risk-factors${query}`)
      .set('x-api-key', key ?? api.keys.lead)
      .set('content-type', type)
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_import');
    // IMP-001: 62-year-old man, CAC 150, scored with no risk factors on file: not flagged, no worklist item.
    await seedPatient(api.db, { mrn: 'IMP-001', age: 62, agatston: 150, tier: 'routine', noItem: true });
    // IMP-002: already on the worklist.
    await seedPatient(api.db, { mrn: 'IMP-002', sex: 'F', age: 58, agatston: 40, tier: 'consider-statin' });
    await api.db.riskAssessment.updateMany({
      where: { screeningResult: { study: { patient: { mrn: 'IMP-001' } } } },
      data: { flagged: false },
    });
  });
  afterAll(() => api?.close());

  it('dry run: validates every row and reports errors without storing anything', async () => {
    const response = await post(CSV, 'text/csv', '?dryRun=true').expect(200);
    expect(response.body).toMatchObject({
      format: 'csv',
      dryRun: true,
      received: 6,
      valid: 2,
      stored: 2,
      unchanged: 0,
      reassessed: [],
    });
    const fields = response.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
    expect(fields).toEqual([
      '4:total_cholesterol_mg_dl',
      '4:systolic_bp_mmhg',
      '4:bp_treated',
      '5:mrn',
      '6:(row)',
      '7:mrn',
    ]);
    expect(response.body.errors[0].message).toContain('looks like mmol/L');
    expect(await api.db.riskFactors.count()).toBe(0);
  });

  it('stores good rows, re-assesses the latest scored result and puts a newly flagged patient on the worklist', async () => {
    const response = await post(CSV, 'text/csv').expect(200);
    expect(response.body).toMatchObject({ dryRun: false, valid: 2, stored: 2, unchanged: 0 });
    expect(response.body.errors).toHaveLength(6);

    const expected = assessRisk({
      age: 62,
      sex: 'male',
      race: 'white',
      totalCholesterol: 240,
      hdl: 38,
      systolicBp: 150,
      bpTreated: true,
      smoker: true,
      diabetes: false,
      lipidLowering: false,
      familyHistory: false,
      knownAscvd: false,
      cac: 150,
    });
    const one = response.body.reassessed.find((r: { mrn: string }) => r.mrn === 'IMP-001');
    expect(one).toMatchObject({ tierBefore: 'routine', tierAfter: expected.tier, flagged: expected.flagged });
    const risk = await api.db.riskAssessment.findFirstOrThrow({
      where: { screeningResult: { study: { patient: { mrn: 'IMP-001' } } } },
    });
    expect(risk.tier).toBe(expected.tier);
    expect(risk.pooledCohortPct).toBe(expected.pooledCohort.riskPct);
    expect(risk.missing).toEqual(expected.missing);
    const items = await api.db.worklistItem.findMany({ where: { patient: { mrn: 'IMP-001' } } });
    expect(items).toHaveLength(expected.flagged ? 1 : 0);
    expect(one.worklist).toBe(expected.flagged ? 'created' : 'none');

    const two = response.body.reassessed.find((r: { mrn: string }) => r.mrn === 'IMP-002');
    expect(two.worklist).toMatch(/updated|unchanged/);
    const audit = await api.db.auditEvent.groupBy({ by: ['action'], where: { actor: 'lena' }, _count: true });
    const counts = Object.fromEntries(audit.map((a) => [a.action, a._count]));
    expect(counts).toMatchObject({ 'risk-factors.imported': 2, 'risk.reassessed': 2 });
  });

  it('re-importing the same file stores nothing new', async () => {
    const before = await api.db.riskFactors.count();
    const response = await post(CSV, 'text/csv').expect(200);
    expect(response.body).toMatchObject({ stored: 0, unchanged: 2, reassessed: [] });
    expect(await api.db.riskFactors.count()).toBe(before);
  });

  it('keeps values on file that a later import leaves blank', async () => {
    await post('mrn,hdl_mg_dl\nIMP-001,45\n', 'text/csv').expect(200);
    const latest = await api.db.riskFactors.findFirstOrThrow({
      where: { patient: { mrn: 'IMP-001' } },
      orderBy: { recordedAt: 'desc' },
    });
    expect(latest).toMatchObject({ hdl: 45, totalCholesterol: 240, smoker: true });
  });

  it('imports BMI and eGFR and stores the PREVENT risks of the re-assessment', async () => {
    await post('mrn,bmi_kg_m2,egfr_ml_min_1_73m2\nIMP-001,29,75\n', 'text/csv').expect(200);
    const latest = await api.db.riskFactors.findFirstOrThrow({
      where: { patient: { mrn: 'IMP-001' } },
      orderBy: { recordedAt: 'desc' },
    });
    expect(latest).toMatchObject({ bmi: 29, egfr: 75, hdl: 45 });
    const risk = await api.db.riskAssessment.findFirstOrThrow({
      where: { screeningResult: { study: { patient: { mrn: 'IMP-001' } } } },
    });
    // pyprevent 0.1.6 for this man (62 y, TC 240, HDL 45, SBP 150 treated, smoker, BMI 29, eGFR 75): 18.22 / 12.38 /
    // 8.27 %; no 30-year risk after 59.
    expect(risk.prevent).toEqual({
      tenYear: { totalCvdPct: 18.22, ascvdPct: 12.38, heartFailurePct: 8.27 },
      thirtyYear: null,
    });
    expect(risk.cacPercentile).toMatchObject({ approximate: true });
    expect(risk.missing).not.toContain('bmi');
  });

  it('refuses a file it cannot read with a 400 naming the problem', async () => {
    const unknown = await post('mrn,ldl\nX,100\n', 'text/csv').expect(400);
    expect(unknown.body.issues).toEqual([{ field: 'header', message: 'unknown column(s): ldl' }]);
    await post('race\nwhite\n', 'text/csv').expect(400);
    await post('', 'text/csv').expect(400);
    await post('mrn\nX\n', 'application/xml').expect(415);
    await post(CSV, 'text/csv', '?dryRun=maybe').expect(400);
  });

  it('imports a FHIR R4 Bundle: LOINC observations (newest wins, mmol/L converted), medications and conditions', async () => {
    const subject = { reference: 'urn:uuid:p1' };
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:p1',
          resource: {
            resourceType: 'Patient',
            identifier: [
              {
                type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
                value: 'FHIR-001',
              },
            ],
            gender: 'male',
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '2093-3' }] },
            subject,
            effectiveDateTime: '2023-01-01',
            valueQuantity: { value: 180, unit: 'mg/dL' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '2093-3' }] },
            subject,
            effectiveDateTime: '2024-01-01',
            valueQuantity: { value: 6.0, code: 'mmol/L' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '2085-9' }] },
            subject,
            valueQuantity: { value: 42, unit: 'mg/dL' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
            subject,
            component: [
              {
                code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
                valueQuantity: { value: 142, code: 'mm[Hg]' },
              },
            ],
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] },
            subject,
            valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '8517006' }] },
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            status: 'active',
            subject,
            medicationCodeableConcept: {
              coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '83367' }],
            },
          },
        },
        {
          resource: {
            resourceType: 'MedicationStatement',
            status: 'active',
            subject,
            medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA03' }] },
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            subject,
            code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' }] },
          },
        },
        {
          resource: {
            resourceType: 'Condition',
            subject,
            clinicalStatus: { coding: [{ code: 'resolved' }] },
            code: { coding: [{ system: 'http://snomed.info/sct', code: '22298006' }] },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '2085-9' }] },
            subject: { reference: 'Patient/nobody' },
            valueQuantity: { value: 50, unit: 'mg/dL' },
          },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
            subject,
            valueQuantity: { value: 140, unit: 'kPa' },
          },
        },
        { resource: { resourceType: 'Patient', identifier: [] } },
      ],
    };
    const response = await post(bundle, 'application/fhir+json').expect(200);
    expect(response.body).toMatchObject({ format: 'fhir', received: 1, valid: 1, stored: 1 });
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'entry.12.resource.identifier',
      'entry.10.resource.subject',
      'entry.11.resource.value',
    ]);
    const stored = await api.db.riskFactors.findFirstOrThrow({
      where: { patient: { mrn: 'FHIR-001' } },
      include: { patient: true },
    });
    expect(stored).toMatchObject({
      source: 'import:fhir',
      totalCholesterol: 232,
      hdl: 42,
      systolicBp: 142,
      smoker: false,
      lipidLowering: true,
      bpTreated: true,
      diabetes: true,
      knownAscvd: null,
    });
    expect(stored.patient.sex).toBe('M');
    await post({ resourceType: 'Patient' }, 'application/json').expect(400);
  });
});
