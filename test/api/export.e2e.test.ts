// Exports: worklist and results as CSV, one result as a FHIR R4 Observation + RiskAssessment; export is audited.
jest.setTimeout(120_000);

import request from 'supertest';
import { startTestApi, TestApi } from './support/api-app';
import { seedPatient, Seeded } from './support/seed';

describe('exports', () => {
  let api: TestApi;
  let first: Seeded;
  const get = (path: string) => request(api.app.getHttpServer()).get(path).set('x-api-key', api.keys.lead);

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_export');
    first = await seedPatient(api.db, { mrn: 'EXP-001', agatston: 420, tier: 'high-priority', site: 'north' });
    await seedPatient(api.db, { mrn: '=HYPERLINK("x")', agatston: 130, site: 'south' });
  });
  afterAll(() => api?.close());

  it('exports the worklist as CSV with the list filters, one line per item, formulas defused', async () => {
    const response = await get('/api/export/worklist.csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain('worklist.csv');
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^item_id,status,tier,priority,mrn,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',EXP-001,');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    const filtered = await get('/api/export/worklist.csv?site=south').expect(200);
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);
    await get('/api/export/worklist.csv?limit=5').expect(400);
    expect(await api.db.auditEvent.count({ where: { action: 'worklist.exported', actor: 'lena' } })).toBe(2);
  });

  it('exports results as CSV', async () => {
    const response = await get('/api/export/results.csv?status=scored').expect(200);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0].split(',')).toEqual(
      expect.arrayContaining([
        'result_id',
        'agatston_total',
        'tier',
        'pce_10y_pct',
        'prevent_total_cvd_10y_pct',
        'prevent_ascvd_10y_pct',
        'prevent_hf_10y_pct',
        'ordinal_calcium_score',
        'calcium_grade',
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('gives one result as a FHIR Bundle with an Agatston Observation and a RiskAssessment', async () => {
    const response = await get(`/api/results/${first.resultId}/fhir`).expect(200);
    const bundle = response.body;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const [observation, assessment] = bundle.entry.map((e: { resource: unknown }) => e.resource);
    expect(observation).toMatchObject({
      resourceType: 'Observation',
      id: first.resultId,
      status: 'final',
      subject: { identifier: { value: 'EXP-001' } },
      valueQuantity: { value: 420, system: 'http://unitsofmeasure.org', code: '1' },
    });
    expect(
      observation.component.map((c: { code: { coding: Array<{ code: string }> } }) => c.code.coding[0].code),
    ).toEqual(['agatston-LM', 'agatston-LAD', 'agatston-LCX', 'agatston-RCA']);
    expect(assessment).toMatchObject({
      resourceType: 'RiskAssessment',
      status: 'final',
      basis: [{ reference: `urn:uuid:${first.resultId}` }],
    });
    expect(assessment.prediction).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ probabilityDecimal: 0.091 }),
        expect.objectContaining({ qualitativeRisk: expect.objectContaining({ text: 'high-priority' }) }),
      ]),
    );
    await get('/api/results/00000000-0000-4000-8000-000000000000/fhir').expect(404);
  });
});
