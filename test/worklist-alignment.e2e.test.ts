// One open worklist item per patient, decided by the patient's newest study (issue #15 bug 1): sweeps and risk
// reassessment share prisma/src/worklist-alignment.ts. Run against a real PostgreSQL.
import { Db, recordScreening, recordStudy, type RiskRecord, type ScoreRecord } from '@cacscreen/db';
import { freshDatabase } from './setup/services';

const risk = (tier: string, flagged = true): RiskRecord => ({
  framinghamPct: null,
  pooledCohortPct: null,
  mesaWithoutCacPct: null,
  mesaWithCacPct: null,
  tier,
  flagged,
  rationale: [],
  missing: [],
  warnings: [],
  inputs: {},
});

const score = (agatstonTotal: number, uid: string): ScoreRecord => ({
  seriesInstanceUid: uid,
  agatstonTotal,
  byArtery: { LM: 0, LAD: agatstonTotal, LCX: 0, RCA: 0 },
  volumeMm3: agatstonTotal,
  massMg: null,
  cacDrs: 'A2',
  category: '101-400',
  lowConfidence: false,
  lesions: [],
  qualityFlags: [],
  timingsMs: {},
});

describe('the open worklist item follows the newest study', () => {
  let db: Db;
  let n = 0;

  beforeAll(async () => {
    ({ db } = await freshDatabase('cacscreen_e2e_worklist_alignment'));
  });
  afterAll(() => db.$disconnect());

  /** Records one scored study of the patient (`mrn`) taken on `date`. */
  async function screen(mrn: string, date: string, agatston: number, tier: string, flagged = true) {
    n++;
    const { studyId } = await recordStudy(db, {
      studyInstanceUid: `1.2.826.0.1.${n}`,
      patientMrn: mrn,
      patientSex: 'M',
      patientBirthDate: null,
      ageAtStudy: 60,
      studyDate: new Date(date),
      source: '/archive',
      series: [],
    });
    const { screeningResultId } = await recordScreening(db, {
      studyId,
      sweepId: null,
      modelName: 'anatomy',
      modelVersion: 'test-1',
      status: 'scored',
      reason: null,
      score: score(agatston, `1.2.826.0.2.${n}`),
      risk: risk(tier, flagged),
    });
    return { studyId, screeningResultId };
  }

  const openItem = (mrn: string) => db.worklistItem.findFirst({ where: { openKey: { not: null }, patient: { mrn } } });
  const history = (itemId: string) =>
    db.auditEvent.findMany({ where: { entityId: itemId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });

  it('keeps the newer study when an older one is screened after it (PHANTOM0014: 301.8 → 273.1 before)', async () => {
    const newer = await screen('ALIGN1', '2017-10-30', 301.8, 'high-priority');
    await screen('ALIGN1', '2017-04-19', 273.1, 'statin-recommended');
    const item = await openItem('ALIGN1');
    expect(item).toMatchObject({
      screeningResultId: newer.screeningResultId,
      agatstonTotal: 301.8,
      tier: 'high-priority',
    });
    expect((await history(item!.id)).map((e) => e.action)).toEqual(['worklist.flagged']);
  });

  it('moves an untouched open item to a newer study, with old → new in its history', async () => {
    const older = await screen('ALIGN2', '2016-01-10', 150, 'statin-recommended');
    const newer = await screen('ALIGN2', '2018-03-02', 420, 'high-priority');
    const item = await openItem('ALIGN2');
    expect(item).toMatchObject({ screeningResultId: newer.screeningResultId, tier: 'high-priority', priority: 1 });
    const events = await history(item!.id);
    expect(events.map((e) => e.action)).toEqual(['worklist.flagged', 'worklist.rescored']);
    expect(events[1].before).toMatchObject({ agatstonTotal: 150, tier: 'statin-recommended', studyId: older.studyId });
    expect(events[1].after).toMatchObject({ agatstonTotal: 420, tier: 'high-priority', studyId: newer.studyId });
  });

  it('attaches a newer result to an item a coordinator is working on, keeping its status and assignee', async () => {
    await screen('ALIGN3', '2016-05-05', 200, 'statin-recommended');
    const claimed = await openItem('ALIGN3');
    await db.worklistItem.update({ where: { id: claimed!.id }, data: { status: 'contacted', assignee: 'coord-a' } });
    const newer = await screen('ALIGN3', '2019-02-02', 650, 'high-priority');
    const item = await openItem('ALIGN3');
    expect(item).toMatchObject({
      status: 'contacted',
      assignee: 'coord-a',
      screeningResultId: newer.screeningResultId,
    });
    const attached = (await history(item!.id)).find((e) => e.action === 'worklist.result-attached');
    expect(attached?.before).toMatchObject({ agatstonTotal: 200 });
    expect(attached?.after).toMatchObject({ agatstonTotal: 650, status: 'contacted' });
  });

  it("does not reopen a patient whose item was closed, for the same or an older study (the coordinator's decision stands)", async () => {
    const study = await screen('ALIGN4', '2020-06-01', 500, 'high-priority');
    const item = await openItem('ALIGN4');
    await db.worklistItem.update({ where: { id: item!.id }, data: { status: 'closed', openKey: null } });
    await screen('ALIGN4', '2019-01-01', 480, 'high-priority');
    expect(await openItem('ALIGN4')).toBeNull();
    // Re-recording the same study (a re-run sweep) does not reopen it either.
    await recordScreening(db, {
      studyId: study.studyId,
      sweepId: null,
      modelName: 'anatomy',
      modelVersion: 'test-1',
      status: 'scored',
      reason: null,
      score: score(500, 'x'),
      risk: risk('high-priority'),
    });
    expect(await openItem('ALIGN4')).toBeNull();
    // A newer study flags the patient again.
    await screen('ALIGN4', '2022-02-02', 700, 'high-priority');
    expect(await openItem('ALIGN4')).toMatchObject({ agatstonTotal: 700 });
  });

  it('shows a newer study that is no longer flagged on the open item (its tier drops, visibly)', async () => {
    await screen('ALIGN5', '2015-01-01', 320, 'high-priority');
    await screen('ALIGN5', '2021-01-01', 40, 'routine', false);
    expect(await openItem('ALIGN5')).toMatchObject({ agatstonTotal: 40, tier: 'routine', priority: 4 });
  });
});
