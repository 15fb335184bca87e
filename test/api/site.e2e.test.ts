// #15 bug 5: the site was never filled in. A screened study gives its patient the DICOM InstitutionName (0008,0080)
// when no site is on file; the risk-factor import sets it (CSV `site`, FHIR managingOrganization) and wins over a
// header. The worklist's site filter then finds the items (partial, case-insensitive).
jest.setTimeout(180_000);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { recordStudy } from '@cacscreen/db';
import { generateArchive } from '@cacscreen/phantom';
import { ArchiveRegistry } from '../../apps/worker/src/activities/archive-registry';
import { createScreeningActivities } from '../../apps/worker/src/activities/screening-activities';
import { startTestApi, TestApi } from './support/api-app';

/** What the phantom generator writes as InstitutionName. */
const PHANTOM_SITE = 'Synthetic Phantom Hospital';

describe('the patient site, from DICOM and from the risk-factor import', () => {
  let api: TestApi;
  let archiveDir: string;
  const http = () => request(api.app.getHttpServer());
  const lead = () => api.keys.lead;
  const siteOf = async (mrn: string) => (await api.db.patient.findUniqueOrThrow({ where: { mrn } })).site;
  const importAs = (body: string, type: string) =>
    http().post('/api/import/risk-factors').set('x-api-key', lead()).set('content-type', type).send(body);

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-site-'));
    await generateArchive(archiveDir, {
      studies: 2,
      seed: 77,
      matrix: 128,
      pixelSpacingMm: 2.8,
      coverageMm: 120,
      sliceThicknessMm: 3,
    });
    api = await startTestApi('cacscreen_api_site');
  });

  afterAll(async () => {
    await api?.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  it("fills in a screened study's patient site from InstitutionName, and the worklist's site filter finds it", async () => {
    const activities = createScreeningActivities({ db: api.db, archives: new ArchiveRegistry() });
    const page = await activities.listStudiesPage({
      source: archiveDir,
      cursor: null,
      pageSize: 10,
      modelVersion: 'm1',
    });
    expect(page.studyInstanceUids).toHaveLength(2);
    for (const studyInstanceUid of page.studyInstanceUids) {
      const prepared = await activities.prepareStudy({ source: archiveDir, studyInstanceUid, modelVersion: 'm1' });
      // What goes back to the workflow carries no site (no PHI in Temporal payloads): IDs and reasons only.
      expect(JSON.stringify(prepared)).not.toContain(PHANTOM_SITE);
    }
    const patients = await api.db.patient.findMany();
    expect(patients.map((p) => p.site)).toEqual([PHANTOM_SITE, PHANTOM_SITE]);

    // A worklist item copies its patient's site (database trigger): the filter matches a fragment in any case.
    const result = await api.db.screeningResult.create({
      data: {
        studyId: (await api.db.study.findFirstOrThrow({ where: { patientId: patients[0].id } })).id,
        modelVersion: 'm1',
        modelName: 'test',
        status: 'scored',
        agatstonTotal: 500,
      },
    });
    await api.db.worklistItem.create({
      data: {
        patientId: patients[0].id,
        screeningResultId: result.id,
        tier: 'high-priority',
        priority: 1,
        agatstonTotal: 500,
      },
    });
    const found = await http().get('/api/worklist?site=phantom%20HOSP').set('x-api-key', lead()).expect(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0].patient.site).toBe(PHANTOM_SITE);
  });

  it('takes the site from a CSV import (an audited change) over the header, and a later study keeps it', async () => {
    const mrn = (await api.db.patient.findFirstOrThrow()).mrn;
    const response = await importAs(`mrn,site\n${mrn},North Clinic\n`, 'text/csv').expect(200);
    expect(response.body).toMatchObject({ valid: 1, stored: 1, unchanged: 0, reassessed: [] });
    expect(await siteOf(mrn)).toBe('North Clinic');
    // A site-only row adds no risk-factor row.
    expect(await api.db.riskFactors.count()).toBe(0);
    const events = await api.db.auditEvent.findMany({ where: { action: 'patient.site-imported' } });
    expect(events.map((e) => [e.before, e.after])).toEqual([
      [{ site: PHANTOM_SITE }, { source: 'import:csv', site: 'North Clinic' }],
    ]);
    // The item follows its patient's site.
    const item = await api.db.worklistItem.findFirstOrThrow({ where: { patient: { mrn } } });
    expect(item.site).toBe('North Clinic');

    // Another study of the patient, read from a header with another InstitutionName, does not overwrite it.
    await recordStudy(api.db, {
      studyInstanceUid: '1.2.826.0.77.1',
      patientMrn: mrn,
      patientSex: null,
      patientBirthDate: null,
      ageAtStudy: null,
      studyDate: null,
      source: '/elsewhere',
      institutionName: 'Some Other Hospital',
      series: [],
    });
    expect(await siteOf(mrn)).toBe('North Clinic');

    // Importing the same site again changes nothing.
    expect((await importAs(`mrn,site\n${mrn},North Clinic\n`, 'text/csv').expect(200)).body).toMatchObject({
      stored: 0,
      unchanged: 1,
    });
  });

  it("takes a FHIR Patient's managingOrganization.display as the site, for a new patient too", async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            id: 'p1',
            identifier: [{ value: 'SITE-NEW' }],
            managingOrganization: { reference: 'Organization/east', display: 'East Hospital' },
          },
        },
      ],
    };
    const response = await importAs(JSON.stringify(bundle), 'application/fhir+json').expect(200);
    expect(response.body).toMatchObject({ valid: 1, stored: 1 });
    expect(await siteOf('SITE-NEW')).toBe('East Hospital');
  });
});
