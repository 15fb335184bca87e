// #15 bug 4: the sweep page's "Flagged 11" opened 5 items. A sweep's flagged count and the worklist's sweepId filter
// (the link) must be the same rows: the items the sweep put on the worklist, whatever happened to them since.
jest.setTimeout(120_000);

import request from 'supertest';
import { ensureSweep, recordStudy, saveSweepProgress } from '@cacscreen/db';
import type { SeriesAnalysis } from '@cacscreen/worker';
import { createScreeningActivities } from '../../apps/worker/src/activities/screening-activities';
import { startTestApi, TestApi } from './support/api-app';

const analysis = (agatstonTotal: number, seriesInstanceUid: string): SeriesAnalysis => ({
  seriesInstanceUid,
  model: { name: 'test', version: 'flagged-1' },
  agatstonTotal,
  byArtery: { LM: 0, LAD: agatstonTotal, LCX: 0, RCA: 0 },
  volumeMm3: agatstonTotal,
  massMg: null,
  cacDrs: 'A3',
  category: '>400',
  lesions: [],
  qualityFlags: [],
  timingsMs: {},
});

describe("a sweep's flagged count and its worklist link", () => {
  let api: TestApi;
  let n = 0;
  const http = () => request(api.app.getHttpServer());
  const get = async (path: string) => (await http().get(path).set('x-api-key', api.keys.lead).expect(200)).body;

  beforeAll(async () => {
    api = await startTestApi('cacscreen_api_sweep_flagged');
  });
  afterAll(() => api?.close());

  /** Screens one study of `mrn` in `sweepId` as the screening worker does; returns the worker's "flagged" answer. */
  async function screen(sweepId: string, mrn: string, studyDate: string, agatston: number): Promise<boolean> {
    n++;
    const { studyId } = await recordStudy(api.db, {
      studyInstanceUid: `1.2.826.0.9.${n}`,
      patientMrn: mrn,
      patientSex: 'M',
      patientBirthDate: null,
      ageAtStudy: 66,
      studyDate: new Date(studyDate),
      source: '/archive',
      series: [],
    });
    const activities = createScreeningActivities({ db: api.db, archives: undefined as never });
    const recorded = await activities.recordOutcome({
      kind: 'scored',
      studyId,
      sweepId,
      modelVersion: 'flagged-1',
      lowConfidence: false,
      analysis: analysis(agatston, `1.2.826.0.8.${n}`),
    });
    return recorded.flagged;
  }

  const counters = (flagged: number) => ({ seen: 0, screened: 0, skipped: 0, failed: 0, flagged });

  it('counts the items the sweep created, and the link opens exactly those (two studies of one patient, a closed item, a later rescore)', async () => {
    const first = await ensureSweep(api.db, { workflowId: 'sweep/one', source: '/archive', modelVersion: 'flagged-1' });
    // Patient A has two flagged studies in the same sweep (one item), B one (closed later), C is not flagged.
    const answers = [
      await screen(first, 'FLAG-A', '2017-04-19', 900),
      await screen(first, 'FLAG-A', '2017-10-30', 950),
      await screen(first, 'FLAG-B', '2018-02-01', 800),
      await screen(first, 'FLAG-C', '2018-03-01', 0),
    ];
    // The worker counts a study as flagged only when it created an item: 2, not 3.
    expect(answers).toEqual([true, false, true, false]);
    // The stored count is counted in the database, whatever the workflow sent (a retried activity may make it drift).
    await saveSweepProgress(api.db, first, counters(7), 'completed');
    expect((await api.db.sweep.findUniqueOrThrow({ where: { id: first } })).flagged).toBe(2);

    await api.db.worklistItem.updateMany({ where: { patient: { mrn: 'FLAG-B' } }, data: { status: 'closed' } });
    // A second sweep finds a newer study of A (its item moves to that result) and flags D.
    const second = await ensureSweep(api.db, {
      workflowId: 'sweep/two',
      source: '/archive',
      modelVersion: 'flagged-1',
    });
    expect(await screen(second, 'FLAG-A', '2019-05-05', 1000)).toBe(false);
    expect(await screen(second, 'FLAG-D', '2019-06-06', 700)).toBe(true);
    await saveSweepProgress(api.db, second, counters(1), 'completed');

    const listed = await get('/api/sweeps');
    for (const [sweepId, expected] of [
      [first, ['FLAG-A', 'FLAG-B']],
      [second, ['FLAG-D']],
    ] as const) {
      const sweep = await get(`/api/sweeps/${sweepId}`);
      // The page's link: every status (a closed item still came from this sweep).
      const linked = await get(`/api/worklist?sweepId=${sweepId}`);
      expect(linked.items.map((i: { patient: { mrn: string } }) => i.patient.mrn).sort()).toEqual(expected);
      expect(sweep.counters.flagged).toBe(linked.total);
      expect(listed.items.find((s: { id: string }) => s.id === sweepId).counters.flagged).toBe(linked.total);
    }
  });
});
