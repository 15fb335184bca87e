// npm run bench:sweep — end-to-end sweep throughput on this machine, and Temporal's orchestration overhead alone.
// Uses the test profile's PostgreSQL and Temporal dev server (started if needed). Prints medians and ratios, and the
// same series analysed one at a time outside Temporal (standalone), stage by stage, beside the sweep's medians.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_DECODE_BUDGET, FolderArchiveSource, selectSeries } from '@cacscreen/dicom';
import { generateArchive } from '@cacscreen/phantom';
import { loadLabeller, startSweep, startWorkers, workerConfigFromEnv } from '@cacscreen/worker';
import { startLocalStack } from '@cacscreen/local-stack';
import { freshDatabase, uniqueTaskQueuePrefix } from '../test/setup/services';
import { stubArchive } from '../test/support/stub-activities';
import { analyzeFilesHere } from '../apps/worker/src/analysis/analyze-files';

const STAGES = ['fetch', 'decode', 'label', 'score', 'keyImages', 'total'] as const;

const STUB_STUDIES = Number(process.env.BENCH_STUB_STUDIES ?? 400);
const REAL_STUDIES = Number(process.env.BENCH_REAL_STUDIES ?? 24);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};

async function sweepOnce(client: Client, options: Parameters<typeof startSweep>[1]): Promise<number> {
  const started = performance.now();
  const { workflowId } = await startSweep(client, options);
  await client.workflow.getHandle(workflowId).result();
  return performance.now() - started;
}

async function orchestrationOverhead(client: Client, temporalAddress: string) {
  const archive = stubArchive(STUB_STUDIES);
  const taskQueuePrefix = uniqueTaskQueuePrefix('bench-stub');
  const config = workerConfigFromEnv({
    databaseUrl: 'postgresql://unused@127.0.0.1:1/unused',
    temporalAddress,
    taskQueuePrefix,
    workflowConcurrency: 100,
    screeningConcurrency: 100,
    inferenceConcurrency: 100,
  });
  const workers = await startWorkers(config, ['screening', 'inference'], archive);
  try {
    const wallMs = await sweepOnce(client, {
      source: 'stub',
      modelVersion: 'stub',
      maxInFlight: 50,
      pageSize: 200,
      taskQueuePrefix,
    });
    return { studies: STUB_STUDIES, wallMs, msPerStudy: wallMs / STUB_STUDIES };
  } finally {
    await workers.shutdown();
  }
}

async function endToEnd(client: Client, temporalAddress: string) {
  const archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-bench-sweep-'));
  await generateArchive(archiveDir, { studies: REAL_STUDIES, seed: 8080, sliceThicknessMm: 3 });
  const { url, db } = await freshDatabase('cacscreen_bench_sweep');
  const taskQueuePrefix = uniqueTaskQueuePrefix('bench-real');
  const config = workerConfigFromEnv({ databaseUrl: url, temporalAddress, taskQueuePrefix });
  const workers = await startWorkers(config, ['screening', 'inference']);
  try {
    const modelVersion = (await loadLabeller()).version;
    const wallMs = await sweepOnce(client, { source: archiveDir, modelVersion, maxInFlight: 8, taskQueuePrefix });
    const results = await db.screeningResult.findMany({ select: { timingsMs: true, status: true } });
    const timings = results.map((r) => r.timingsMs as Record<string, number>).filter(Boolean);
    const analysisMs = timings.map((t) => t.total);
    // If the sweep were limited by inference alone, it would take (sum of analysis time) / (parallel analyses).
    const inferenceBoundMs = analysisMs.reduce((a, b) => a + b, 0) / config.inferenceConcurrency;
    const standalone = await standaloneMedians(archiveDir, await loadLabeller());
    return {
      studies: results.length,
      scored: results.filter((r) => r.status === 'scored').length,
      wallMs,
      studiesPerHour: (results.length / wallMs) * 3_600_000,
      medians: Object.fromEntries(
        STAGES.map((s) => [s, median(timings.map((t) => t[s]).filter((v) => v !== undefined))]),
      ),
      standalone,
      inferenceBoundMs,
      inferenceConcurrency: config.inferenceConcurrency,
    };
  } finally {
    await workers.shutdown();
    await db.$disconnect();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  }
}

/** The same chosen series analysed one at a time in this process (read isolated, as the worker does), no Temporal. */
async function standaloneMedians(archiveDir: string, labeller: Awaited<ReturnType<typeof loadLabeller>>) {
  const { studies } = await new FolderArchiveSource(archiveDir).getIndex();
  const rows: Record<string, number>[] = [];
  for (const study of studies) {
    const files = selectSeries(study).chosen?.files;
    if (!files) continue;
    const started = performance.now();
    const { timingsMs } = await analyzeFilesHere(files, labeller, DEFAULT_DECODE_BUDGET, { renderKeyImages: true });
    rows.push({ fetch: 0, ...timingsMs, total: performance.now() - started });
  }
  return Object.fromEntries(STAGES.map((s) => [s, median(rows.map((r) => r[s]))]));
}

async function main(): Promise<void> {
  const stack = await startLocalStack('test');
  process.env.CACSCREEN_TEST_POSTGRES_URL = stack.databaseUrl;
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
  console.log(`bench:sweep on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})`);

  const stub = await orchestrationOverhead(client, stack.temporalAddress);
  console.log(`\nOrchestration only (stub activities, ${stub.studies} studies, 50 in flight):`);
  console.log(
    `  wall ${(stub.wallMs / 1000).toFixed(1)} s → ${stub.msPerStudy.toFixed(1)} ms per study (target ≤ 100 ms)`,
  );

  const real = await endToEnd(client, stack.temporalAddress);
  console.log(
    `\nEnd to end (real analysis, ${real.studies} phantom studies 256² × 60 slices, ${real.inferenceConcurrency} analyses at once):`,
  );
  console.log(
    `  wall ${(real.wallMs / 1000).toFixed(1)} s → ${Math.round(real.studiesPerHour)} studies/hour; ${real.scored} scored`,
  );
  console.log('\n| stage | sweep median ms | standalone median ms (one at a time, no Temporal) | sweep / standalone |');
  console.log('|---|---|---|---|');
  for (const stage of STAGES) {
    const sweep = real.medians[stage];
    const alone = real.standalone[stage];
    console.log(
      `| ${stage} | ${Math.round(sweep)} | ${Math.round(alone)} | ${alone > 0 ? (sweep / alone).toFixed(2) : 'n/a'} |`,
    );
  }
  console.log(
    `\n  inference-bound time ${(real.inferenceBoundMs / 1000).toFixed(1)} s = ${((real.inferenceBoundMs / real.wallMs) * 100).toFixed(0)} % of wall; ` +
      `orchestration share ≈ ${(((stub.msPerStudy * real.studies) / real.wallMs) * 100).toFixed(0)} % of wall`,
  );
  await client.connection.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
