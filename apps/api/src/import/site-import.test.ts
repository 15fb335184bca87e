// #15 bug 5: the risk-factor import fills in the patient's site (CSV `site` column, FHIR managingOrganization).
import { readRiskFactorsBundle } from './risk-factors-fhir';
import { readRiskFactorsCsv } from './risk-factors-csv';

describe('site in the risk-factor import', () => {
  it('reads the CSV site column, alone or with values, collapsing whitespace, and refuses a bad one', () => {
    const csv = 'mrn,site,smoker\nS1,North  Clinic ,yes\nS2,South,\nS3,,\nS4,' + 'x'.repeat(65) + ',no\n';
    const parsed = readRiskFactorsCsv(csv);
    expect(parsed.rows).toEqual([
      { row: 2, mrn: 'S1', sex: undefined, site: 'North Clinic', values: { smoker: true } },
      { row: 3, mrn: 'S2', sex: undefined, site: 'South', values: {} },
    ]);
    expect(parsed.errors).toEqual([
      { row: 4, field: '(row)', message: 'has no risk factor values and no site' },
      { row: 5, field: 'site', message: 'site must be 1-64 printable characters' },
    ]);
  });

  it("takes a FHIR Patient's managingOrganization.display as the site", () => {
    const patient = (id: string, display?: string) => ({
      resourceType: 'Patient',
      id,
      identifier: [{ value: id }],
      ...(display === undefined ? {} : { managingOrganization: { reference: 'Organization/o1', display } }),
    });
    const parsed = readRiskFactorsBundle({
      resourceType: 'Bundle',
      entry: [
        { resource: patient('F1', 'East Hospital') },
        { resource: patient('F2') },
        { resource: patient('F3', ' ') },
      ],
    });
    expect(parsed.rows.map((r) => [r.mrn, r.site])).toEqual([
      ['F1', 'East Hospital'],
      ['F2', undefined],
    ]);
    expect(parsed.errors).toEqual([
      { row: 2, field: 'entry.2.resource.managingOrganization.display', message: 'the site is empty' },
    ]);
  });
});
