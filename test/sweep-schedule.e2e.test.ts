// The nightly Schedule runs an incremental sweep: only studies newer than the newest one already screened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateArchive, generateThorax, writeStudyDicom } from '@cacscreen/phantom';
import { ensureNightlySweepSchedule } from '@cacscreen/worker';
import { startSweepHarness, SweepHarness } from './setup/sweep-harness';

const small = { matrix: 128, pixelSpacingMm: 2.8, coverageMm: 120, sliceThicknessMm: 3 } as const;

describe('nightly incremental sweeps', () => {
  let archiveDir: string;
  let harness: SweepHarness;

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-schedule-'));
    await generateArchive(archiveDir, { studies: 4, seed: 606, ...small });
    harness = await startSweepHarness('schedule');
  });

  afterAll(async () => {
    await harness?.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  it('screens only the studies dated after the last screened one', async () => {
    const { db, client, modelVersion, taskQueuePrefix } = harness;
    await harness.sweep(archiveDir);
    expect(await db.screeningResult.count()).toBe(4);

    // Two studies arrive in the archive: one newer than everything screened, one back-filled from long ago.
    const write = (seed: number, id: string, studyDate: string) =>
      writeStudyDicom(generateThorax({ ...small, seed }), path.join(archiveDir, id), {
        name: `LATE^${id}`,
        id,
        sex: 'F',
        age: 61,
        birthDate: '19650101',
        studyDate,
      });
    const newer = await write(1, 'LATE1', '20261101');
    await write(2, 'LATE2', '20100101');

    const scheduleId = await ensureNightlySweepSchedule(client, { source: archiveDir, modelVersion, taskQueuePrefix });
    const schedule = client.schedule.getHandle(scheduleId);
    try {
      await schedule.trigger();
      let workflowId: string | undefined;
      for (let i = 0; i < 100 && !workflowId; i++) {
        const action = (await schedule.describe()).info.recentActions[0]?.action;
        workflowId = action?.type === 'startWorkflow' ? action.workflow.workflowId : undefined;
        if (!workflowId) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const counters = await client.workflow.getHandle(workflowId!).result();
      expect(counters).toMatchObject({ seen: 1, screened: 1, failed: 0 });
      const results = await db.screeningResult.findMany({ include: { study: true } });
      expect(results).toHaveLength(5);
      expect(results.map((r) => r.study.studyInstanceUid)).toContain(newer.studyInstanceUid);
    } finally {
      await schedule.delete();
    }
  });
});
