// The coordinators' worklist: lifecycle transitions, notes, history from the audit log, filters.
jest.setTimeout(120_000);

import request from 'supertest';
import { startTestApi, TestApi } from './support/api-app';
import { seedPatient } from './support/seed';

/** A follow-up date `days` from today (YYYY-MM-DD): due dates in the past or far ahead are refused. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const DUE = inDays(30);
const LATER_DUE = inDays(60);

describe('worklist lifecycle', () => {
  let api: TestApi;
  const http = () => request(api.app.getHttpServer());
  const as = (key: string) => ({
    get: (path: string) => http().get(path).set('x-api-key', key),
    post: (path: string, body?: object) => http().post(path).set('x-api-key', key).send(body),
    patch: (path: string, body: object) => http().patch(path).set('x-api-key', key).send(body),
  });

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_worklist');
    await seedPatient(api.db, {
      mrn: 'WL-001',
      site: 'north',
      age: 52,
      agatston: 450,
      tier: 'high-priority',
      studyDate: '2024-01-10',
    });
    await seedPatient(api.db, {
      mrn: 'WL-002',
      site: 'south',
      age: 67,
      agatston: 180,
      tier: 'statin-recommended',
      studyDate: '2024-06-02',
    });
    await seedPatient(api.db, {
      mrn: 'WL-003',
      site: 'south',
      age: 74,
      agatston: 120,
      tier: 'consider-statin',
      studyDate: '2023-11-20',
    });
    await seedPatient(api.db, {
      mrn: 'WL-004',
      site: 'north',
      age: 45,
      agatston: 900,
      tier: 'high-priority',
      status: 'closed',
    });
  });
  afterAll(() => api?.close());

  const itemOf = async (mrn: string) =>
    (await api.db.worklistItem.findFirstOrThrow({ where: { patient: { mrn } } })).id;

  it('takes an item open → claimed → contacted → scheduled → closed, recording each step with before/after', async () => {
    const id = await itemOf('WL-001');
    const coordinator = as(api.keys.coordinator);
    const claimed = await coordinator.post(`/api/worklist/${id}/claim`).expect(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', assignee: 'carla' });
    await coordinator.patch(`/api/worklist/${id}`, { status: 'contacted', dueDate: DUE }).expect(200);
    await coordinator.patch(`/api/worklist/${id}`, { status: 'scheduled' }).expect(200);
    const closed = await coordinator.patch(`/api/worklist/${id}`, { status: 'closed' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', dueDate: DUE, assignee: 'carla' });

    const row = await api.db.worklistItem.findUniqueOrThrow({ where: { id } });
    expect(row.openKey).toBeNull();
    const events = await api.db.auditEvent.findMany({
      where: { entityType: 'WorklistItem', entityId: id, action: { not: 'worklist.viewed' } },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.action)).toEqual([
      'worklist.claimed',
      'worklist.contacted',
      'worklist.scheduled',
      'worklist.closed',
    ]);
    expect(events.every((e) => e.actor === 'carla' && e.correlationId)).toBe(true);
    expect(events[0].before).toMatchObject({ status: 'open', assignee: null, open: true });
    expect(events[0].after).toMatchObject({ status: 'claimed', assignee: 'carla' });
    expect(events[3].after).toMatchObject({ status: 'closed', open: false });

    const detail = await coordinator.get(`/api/worklist/${id}`).expect(200);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'worklist.claimed',
      'worklist.contacted',
      'worklist.scheduled',
      'worklist.closed',
    ]);
    expect(
      await api.db.auditEvent.count({ where: { entityId: id, action: 'worklist.viewed', actor: 'carla' } }),
    ).toBeGreaterThan(0);
  });

  it('refuses invalid transitions and changes to a final item with 409 and a message', async () => {
    const closedId = await itemOf('WL-001');
    const reopen = await as(api.keys.coordinator).patch(`/api/worklist/${closedId}`, { status: 'open' }).expect(409);
    expect(reopen.body).toMatchObject({
      statusCode: 409,
      error: 'CONFLICT',
      message: expect.stringContaining('closed'),
    });
    const id = await itemOf('WL-002');
    const skip = await as(api.keys.coordinator).patch(`/api/worklist/${id}`, { status: 'scheduled' }).expect(409);
    expect(skip.body.message).toBe('Cannot move an item from open to scheduled (allowed: claimed, dismissed)');
    await as(api.keys.coordinator).patch(`/api/worklist/${id}`, { status: 'closed' }).expect(409);
  });

  it('lets only one coordinator claim an item, also when two claim at once', async () => {
    const id = await itemOf('WL-002');
    const results = await Promise.all([
      as(api.keys.coordinator).post(`/api/worklist/${id}/claim`),
      as(api.keys.coordinator2).post(`/api/worklist/${id}/claim`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.message).toMatch(/claimed by (carla|cody)/);
    expect(await api.db.auditEvent.count({ where: { entityId: id, action: 'worklist.claimed' } })).toBe(1);
  });

  it('requires a reason to dismiss, then frees the patient for a newer study', async () => {
    const id = await itemOf('WL-003');
    const noReason = await as(api.keys.coordinator).patch(`/api/worklist/${id}`, { status: 'dismissed' }).expect(400);
    expect(noReason.body.issues).toEqual([
      { field: 'dismissReason', message: 'dismissReason is required to dismiss an item' },
    ]);
    const dismissed = await as(api.keys.coordinator)
      .patch(`/api/worklist/${id}`, { status: 'dismissed', dismissReason: 'already on a statin' })
      .expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissReason: 'already on a statin' });
    expect((await api.db.worklistItem.findUniqueOrThrow({ where: { id } })).openKey).toBeNull();
    const patientId = (await api.db.patient.findUniqueOrThrow({ where: { mrn: 'WL-003' } })).id;
    const result = await api.db.screeningResult.findFirstOrThrow({ where: { study: { patientId } } });
    await api.db.worklistItem.create({
      data: {
        patientId,
        openKey: patientId,
        screeningResultId: result.id,
        tier: 'routine',
        priority: 4,
        agatstonTotal: 1,
      },
    });
  });

  it('validates patches: 400 naming the field', async () => {
    const id = await itemOf('WL-002');
    const cases: Array<[object, string]> = [
      [{ status: 'finished' }, 'status'],
      [{ dueDate: '01/02/2025' }, 'dueDate'],
      [{ dueDate: '2025-02-30' }, 'dueDate'],
      [{ dueDate: '1999-06-01' }, 'dueDate'],
      [{ dueDate: inDays(6 * 366) }, 'dueDate'],
      [{ colour: 'red' }, 'colour'],
      [{ dismissReason: 'not with this status' }, 'dismissReason'],
      [{}, '(root)'],
    ];
    for (const [body, field] of cases) {
      const response = await as(api.keys.coordinator).patch(`/api/worklist/${id}`, body);
      expect([JSON.stringify(body), response.status]).toEqual([JSON.stringify(body), 400]);
      expect(response.body.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    await as(api.keys.coordinator).patch('/api/worklist/not-a-uuid', { status: 'claimed' }).expect(400);
    await as(api.keys.coordinator)
      .patch('/api/worklist/00000000-0000-4000-8000-000000000000', { status: 'claimed' })
      .expect(404);
  });

  it('stores notes, returns them in the detail and audits them', async () => {
    const id = await itemOf('WL-002');
    const note = await as(api.keys.coordinator2)
      .post(`/api/worklist/${id}/notes`, { body: 'Left a voicemail, will call back Tuesday.' })
      .expect(201);
    expect(note.body).toMatchObject({ author: 'cody', body: 'Left a voicemail, will call back Tuesday.' });
    await as(api.keys.coordinator2).post(`/api/worklist/${id}/notes`, { body: '   ' }).expect(400);
    const detail = await as(api.keys.coordinator).get(`/api/worklist/${id}`).expect(200);
    expect(detail.body.notes).toEqual([expect.objectContaining({ author: 'cody' })]);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toContain('worklist.note-added');
    expect(detail.body).toMatchObject({
      patient: { mrn: 'WL-002', site: 'south' },
      study: { ageAtStudy: 67 },
      risk: { missing: ['totalCholesterol', 'hdl'] },
    });
  });

  it('changes assignee and due date, and releases a claim back to open', async () => {
    const id = await itemOf('WL-002');
    const holder = (await api.db.worklistItem.findUniqueOrThrow({ where: { id } })).assignee;
    const key = holder === 'carla' ? api.keys.coordinator : api.keys.coordinator2;
    await as(key).patch(`/api/worklist/${id}`, { assignee: 'cody', dueDate: LATER_DUE }).expect(200);
    const released = await as(key).patch(`/api/worklist/${id}`, { status: 'open', dueDate: null }).expect(200);
    expect(released.body).toMatchObject({ status: 'open', assignee: null, dueDate: null });
  });

  it('filters by status, tier, score, age, site, dates and MRN, sorts, and paginates', async () => {
    const list = async (query: string) =>
      (await as(api.keys.coordinator).get(`/api/worklist?${query}`).expect(200)).body;
    const mrns = (page: { items: Array<{ patient: { mrn: string } }> }) => page.items.map((i) => i.patient.mrn);
    expect((await list('')).total).toBe(5);
    expect(mrns(await list('status=closed'))).toEqual(['WL-004', 'WL-001']);
    expect((await list('status=open,claimed')).total).toBe(2);
    expect(mrns(await list('site=south&status=open'))).toEqual(expect.arrayContaining(['WL-002']));
    expect(mrns(await list('minAge=60&maxAge=70'))).toEqual(['WL-002']);
    expect(mrns(await list('minScore=400&maxScore=500'))).toEqual(['WL-001']);
    expect(mrns(await list('studyFrom=2024-01-01&studyTo=2024-02-28'))).toEqual(['WL-001']);
    expect(mrns(await list('mrn=WL-003')).length).toBe(2);
    expect(mrns(await list('tier=high-priority&sort=score'))).toEqual(['WL-004', 'WL-001']);
    // Lists work for tier as for status (#15: tier=a,b gave 200 with no items); MRN and site match any part, any case.
    expect(mrns(await list('tier=high-priority,statin-recommended&sort=score')).sort()).toEqual([
      'WL-001',
      'WL-002',
      'WL-004',
    ]);
    expect(mrns(await list('mrn=wl-00')).length).toBe(5);
    expect(mrns(await list('mrn=l-003')).length).toBe(2);
    expect(mrns(await list('site=SOU&status=open'))).toEqual(expect.arrayContaining(['WL-002']));
    const badTier = await as(api.keys.coordinator).get('/api/worklist?tier=high-priority,urgent').expect(400);
    expect(badTier.body.issues[0].message).toMatch(/tier must be one or more of routine, consider-statin/);
    expect(mrns(await list('sort=age&limit=2'))).toEqual(['WL-003', 'WL-003']);
    const page = await list('limit=2&offset=2');
    expect(page).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(2);
    const bad = await as(api.keys.coordinator)
      .get('/api/worklist?minAge=old&studyFrom=yesterday&status=lost&color=red')
      .expect(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'color',
      'minAge',
      'status.0',
      'studyFrom',
    ]);
  });

  it('keeps the site, age and study date it filters on in line with the patient and the study', async () => {
    const list = async (query: string) =>
      (await as(api.keys.coordinator).get(`/api/worklist?${query}`).expect(200)).body as {
        items: Array<{ patient: { mrn: string; site: string | null }; study: { ageAtStudy: number | null } }>;
      };
    const seeded = await seedPatient(api.db, { mrn: 'WL-SYNC', site: 'east', age: 58, studyDate: '2022-05-05' });
    const copies = () =>
      api.db.worklistItem.findUniqueOrThrow({
        where: { id: seeded.itemId ?? '' },
        select: { site: true, ageAtStudy: true, studyDate: true },
      });
    // Set from the patient and the study when the item is written, whatever the writer passed.
    expect(await copies()).toEqual({ site: 'east', ageAtStudy: 58, studyDate: new Date('2022-05-05T00:00:00Z') });
    await api.db.worklistItem.update({ where: { id: seeded.itemId ?? '' }, data: { site: 'forged', ageAtStudy: 1 } });
    expect(await copies()).toMatchObject({ site: 'east', ageAtStudy: 58 });

    // A later change to the patient or the study reaches the item and its filters.
    await api.db.patient.update({ where: { id: seeded.patientId }, data: { site: 'west' } });
    await api.db.study.update({
      where: { id: seeded.studyId },
      data: { ageAtStudy: 81, studyDate: new Date('2021-02-03T00:00:00Z') },
    });
    expect(await copies()).toEqual({ site: 'west', ageAtStudy: 81, studyDate: new Date('2021-02-03T00:00:00Z') });
    expect((await list('site=east')).items.map((item) => item.patient.mrn)).not.toContain('WL-SYNC');
    const found = await list('site=west&minAge=80&studyFrom=2021-01-01&studyTo=2021-12-31');
    expect(found.items.map((item) => [item.patient.mrn, item.patient.site, item.study.ageAtStudy])).toEqual([
      ['WL-SYNC', 'west', 81],
    ]);
    expect((await list('sort=studyDate')).items.at(-1)?.patient.mrn).toBe('WL-SYNC');

    // An item moved to another result (a newer screening) takes that study's age and date.
    const newer = await api.db.study.create({
      data: {
        studyInstanceUid: `1.2.826.0.1.3680043.9.sync.${Date.now()}`,
        patientId: seeded.patientId,
        ageAtStudy: 83,
        studyDate: new Date('2023-04-04T00:00:00Z'),
        source: 'test',
      },
    });
    const result = await api.db.screeningResult.create({
      data: { studyId: newer.id, modelName: 'test-model', modelVersion: 'test-2', status: 'scored', qualityFlags: [] },
    });
    await api.db.worklistItem.update({ where: { id: seeded.itemId ?? '' }, data: { screeningResultId: result.id } });
    expect(await copies()).toEqual({ site: 'west', ageAtStudy: 83, studyDate: new Date('2023-04-04T00:00:00Z') });
  });
});
