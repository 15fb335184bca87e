// End to end: a synthetic archive swept through a real Temporal dev server into a real PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Db, recordRiskFactors, TIER_PRIORITY } from '@cacscreen/db';
import { generateArchive } from '@cacscreen/phantom';
import { assessRisk, RiskInput } from '@cacscreen/risk';
import {
  loadLabeller,
  RunningWorkers,
  startSweep,
  startWorkers,
  SweepCounters,
  workerConfigFromEnv,
} from '@cacscreen/worker';
import { readGroundTruth, ArchiveGroundTruth } from '../apps/cli/src/commands/ground-truth';
import { freshDatabase, temporalAddress, uniqueTaskQueuePrefix } from './setup/services';

const STUDIES = 20;

describe('a sweep of a synthetic archive through Temporal and PostgreSQL', () => {
  let archiveDir: string;
  let truth: ArchiveGroundTruth;
  let db: Db;
  let workers: RunningWorkers;
  let client: Client;
  let modelVersion: string;
  const taskQueuePrefix = uniqueTaskQueuePrefix('sweep');

  beforeAll(async () => {
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-e2e-'));
    await generateArchive(archiveDir, { studies: STUDIES, seed: 4242 });
    truth = readGroundTruth(archiveDir);
    const database = await freshDatabase('cacscreen_e2e_sweep');
    db = database.db;
    for (const study of truth.studies) {
      await recordRiskFactors(db, { mrn: study.patientId, sex: study.sex, source: 'e2e', values: study.riskFactors });
    }
    workers = await startWorkers(
      workerConfigFromEnv({ databaseUrl: database.url, temporalAddress: temporalAddress(), taskQueuePrefix }),
      ['screening', 'inference'],
    );
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
    modelVersion = (await loadLabeller()).version;
  });

  afterAll(async () => {
    await workers?.shutdown();
    await client?.connection.close();
    await db?.$disconnect();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  async function sweep(): Promise<SweepCounters> {
    const { workflowId } = await startSweep(client, {
      source: archiveDir,
      modelVersion,
      maxInFlight: 4,
      pageSize: 8,
      taskQueuePrefix,
    });
    return client.workflow.getHandle(workflowId).result();
  }

  async function rowCounts(): Promise<Record<string, number>> {
    return {
      patients: await db.patient.count(),
      studies: await db.study.count(),
      series: await db.series.count(),
      results: await db.screeningResult.count(),
      risk: await db.riskAssessment.count(),
      worklist: await db.worklistItem.count(),
      riskFactors: await db.riskFactors.count(),
    };
  }

  it('gives every study exactly one result and flags the patients the ground truth says', async () => {
    const counters = await sweep();
    expect(counters.seen).toBe(STUDIES);
    expect(counters.screened).toBe(STUDIES);
    expect(counters.failed).toBe(0);

    const results = await db.screeningResult.findMany({ include: { study: true, risk: true } });
    expect(results).toHaveLength(STUDIES);
    expect(new Set(results.map((r) => r.study.studyInstanceUid))).toEqual(
      new Set(truth.studies.map((s) => s.studyInstanceUid)),
    );
    expect(results.every((r) => r.status === 'scored' && r.modelVersion === modelVersion)).toBe(true);

    // Expected tiers come from the risk engine applied to the archive's TRUE Agatston scores and risk factors,
    // independent of the calcium labeller under test.
    const expectedFlagged = new Set<string>();
    for (const study of truth.studies) {
      const input: RiskInput = {
        ...study.riskFactors,
        age: study.age,
        sex: study.sex === 'F' ? 'female' : 'male',
        cac: trueAgatston(study),
      } as RiskInput;
      if (assessRisk(input).flagged) expectedFlagged.add(study.patientId);
    }
    const items = await db.worklistItem.findMany({ include: { patient: true } });
    expect(new Set(items.map((i) => i.patient.mrn))).toEqual(expectedFlagged);
    expect(items.every((i) => i.status === 'open' && TIER_PRIORITY[i.tier] !== undefined)).toBe(true);
    expect(counters.flagged).toBe(expectedFlagged.size);
  });

  it('adds no rows when the same archive is swept again', async () => {
    const before = await rowCounts();
    const counters = await sweep();
    expect(counters.alreadyScreened).toBe(STUDIES);
    expect(counters.screened).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });
});

function trueAgatston(study: ArchiveGroundTruth['studies'][number]): number {
  const agatston = (study as unknown as { agatston: { total: number } }).agatston;
  return agatston.total;
}
