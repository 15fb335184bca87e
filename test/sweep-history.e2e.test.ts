// A sweep of 5,000 studies keeps every workflow history bounded (continue-as-new per page), whatever the size.
import { Client, Connection } from '@temporalio/client';
import { RunningWorkers, startSweep, startWorkers, workerConfigFromEnv } from '@cacscreen/worker';
import { temporalAddress, uniqueTaskQueuePrefix } from './setup/services';
import { stubArchive } from './support/stub-activities';

const STUDIES = 5000;
const HISTORY_LIMIT = 10_000;

describe(`a sweep of ${STUDIES} studies (stub analysis)`, () => {
  let client: Client;
  let workers: RunningWorkers;
  const archive = stubArchive(STUDIES);
  const taskQueuePrefix = uniqueTaskQueuePrefix('history');

  beforeAll(async () => {
    // The database is not used: every activity is a stub.
    const config = workerConfigFromEnv({
      databaseUrl: 'postgresql://unused@127.0.0.1:1/unused',
      temporalAddress: temporalAddress(),
      taskQueuePrefix,
      workflowConcurrency: 100,
      screeningConcurrency: 100,
      inferenceConcurrency: 100,
    });
    workers = await startWorkers(config, ['screening', 'inference'], archive);
    client = new Client({ connection: await Connection.connect({ address: temporalAddress() }) });
  });

  afterAll(async () => {
    await workers?.shutdown();
    await client?.connection.close();
  });

  it('screens every study once and keeps every history under 10,000 events', async () => {
    const { workflowId } = await startSweep(client, {
      source: 'stub',
      modelVersion: 'stub',
      maxInFlight: 100,
      pageSize: 500,
      taskQueuePrefix,
    });
    const counters = await client.workflow.getHandle(workflowId).result();
    expect(counters).toMatchObject({ seen: STUDIES, screened: STUDIES, failed: 0 });
    expect(archive.recorded.size).toBe(STUDIES);

    // Every run of the sweep (one per page) and a sample of the children.
    const runs: number[] = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
      runs.push((await client.workflow.getHandle(workflowId, execution.runId).describe()).historyLength);
    }
    expect(runs.length).toBe(STUDIES / 500);
    expect(Math.max(...runs)).toBeLessThan(HISTORY_LIMIT);
    const sample = [...archive.recorded.keys()].filter((_, i) => i % 500 === 0);
    for (const uid of sample) {
      const child = await client.workflow.getHandle(`${taskQueuePrefix}screen/${uid}/stub`).describe();
      expect(child.historyLength).toBeLessThan(100);
    }
    console.log(`sweep runs: ${runs.length}, largest run history: ${Math.max(...runs)} events`);
  });
});
