// Faults during a sweep: a killed inference worker and a database restart must lose and duplicate nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '@cacscreen/db';
import { generateArchive } from '@cacscreen/phantom';
import {
  loadLabeller,
  RunningWorkers,
  startSweep,
  startWorkers,
  SweepCounters,
  workerConfigFromEnv,
} from '@cacscreen/worker';
import { freshDatabase, restartTestPostgres, temporalAddress, uniqueTaskQueuePrefix } from './setup/services';
import { spawnWorkerProcess, waitForExit } from './setup/worker-process';

const STUDIES = 200;
const poll = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForResults(db: Db, atLeast: number): Promise<void> {
  while ((await db.screeningResult.count()) < atLeast) await poll(200);
}

describe(`sweep of ${STUDIES} studies under faults`, () => {
  let archiveDir: string;
  let studyUids: string[];
  let client: Client;
  let modelVersion: string;

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-faults-'));
    // Small studies (128² × 40 slices) keep 200 of them quick; the analysis is the real one.
    const { groundTruth } = await generateArchive(archiveDir, {
      studies: STUDIES,
      seed: 31337,
      matrix: 128,
      pixelSpacingMm: 2.8,
      coverageMm: 120,
      sliceThicknessMm: 3,
    });
    studyUids = groundTruth.studies.map((s) => s.studyInstanceUid).sort();
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    modelVersion = (await loadLabeller()).version;
  });

  afterAll(async () => {
    await client?.connection.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  /** Exactly one result per study, every one scored (the phantom studies are all eligible). */
  async function expectOneResultPerStudy(db: Db, counters: SweepCounters): Promise<void> {
    const results = await db.screeningResult.findMany({ include: { study: true } });
    expect(results.map((r) => r.study.studyInstanceUid).sort()).toEqual(studyUids);
    expect(results.filter((r) => r.status !== 'scored').map((r) => r.reason)).toEqual([]);
    expect(counters).toMatchObject({ seen: STUDIES, screened: STUDIES, failed: 0, skipped: 0 });
  }

  it('finishes with one result per study when the inference worker is SIGKILLed mid-sweep and restarted', async () => {
    const { url, db } = await freshDatabase('cacscreen_e2e_worker_crash');
    const env = {
      databaseUrl: url,
      temporalAddress: temporalAddress(),
      taskQueuePrefix: uniqueTaskQueuePrefix('crash'),
    };
    const screening: RunningWorkers = await startWorkers(workerConfigFromEnv(env), ['screening']);
    let inference: ChildProcess = spawnWorkerProcess('inference', env);
    try {
      const { workflowId } = await startSweep(client, {
        source: archiveDir,
        modelVersion,
        maxInFlight: 8,
        pageSize: 50,
        taskQueuePrefix: env.taskQueuePrefix,
      });
      await waitForResults(db, 40);
      inference.kill('SIGKILL');
      await waitForExit(inference);
      const atKill = await db.screeningResult.count();
      expect(atKill).toBeLessThan(STUDIES);
      await poll(1000);
      inference = spawnWorkerProcess('inference', env);
      const counters = await client.workflow.getHandle(workflowId).result();
      await expectOneResultPerStudy(db, counters);
    } finally {
      inference.kill('SIGTERM');
      await waitForExit(inference);
      await screening.shutdown();
      await db.$disconnect();
    }
  });

  it('finishes with one result per study when PostgreSQL restarts mid-sweep', async () => {
    const { url, db } = await freshDatabase('cacscreen_e2e_db_restart');
    const env = {
      databaseUrl: url,
      temporalAddress: temporalAddress(),
      taskQueuePrefix: uniqueTaskQueuePrefix('db-restart'),
    };
    const workers = await startWorkers(workerConfigFromEnv(env), ['screening', 'inference']);
    try {
      const { workflowId } = await startSweep(client, {
        source: archiveDir,
        modelVersion,
        maxInFlight: 8,
        pageSize: 50,
        taskQueuePrefix: env.taskQueuePrefix,
      });
      await waitForResults(db, 40);
      await restartTestPostgres(3000);
      const counters = await client.workflow.getHandle(workflowId).result();
      // The assertions use a new client: this test's own pool was idle through the restart, and its dead
      // connections are not what is under test (the workers' pools are, and they must have recovered).
      const after = createDb(url);
      try {
        await expectOneResultPerStudy(after, counters);
      } finally {
        await after.$disconnect();
      }
    } finally {
      await workers.shutdown();
      void db.$disconnect().catch(() => undefined);
    }
  });
});
