import fs from 'node:fs';
import path from 'node:path';
import { createDb, recordRiskFactors } from '@cacscreen/db';
import { generateArchive, readGroundTruth } from '@cacscreen/phantom';
import { isPortOpen, stateDir, startLocalStack } from '@cacscreen/local-stack';
import { renderWorklist } from '../output/worklist-table';
import { runSweepWithLocalWorkers } from './run-sweep';
import { DEFAULT_API_PORT, describeApi, startApi, waitForInterrupt } from './serve';

export interface DemoOptions {
  studies: number;
  seed: number;
  /** Keep the API and workers up after the sweep until Ctrl+C (default: when run on a terminal). */
  serve: boolean;
  port: number;
}

const step = (message: string) => console.log(`\n==> ${message}`);

/**
 * The main job on the embedded default: local PostgreSQL and Temporal, a synthetic archive, a sweep through
 * Temporal with live progress, then the worklist and where to look next. Safe to re-run: studies already screened
 * by this model version are not screened again.
 */
export async function demoCommand(options: DemoOptions): Promise<void> {
  const startedAt = Date.now();
  step('Starting local services (PostgreSQL, Temporal dev server) and applying database migrations');
  const stack = await startLocalStack('demo');
  console.log(stack.describe().join('\n'));

  const archiveDir = path.join(stateDir(), `demo-archive-${options.studies}-seed${options.seed}`);
  if (!fs.existsSync(path.join(archiveDir, 'ground-truth.json'))) {
    step(`Generating a synthetic archive of ${options.studies} chest CT studies in ${archiveDir}`);
    await generateArchive(archiveDir, {
      studies: options.studies,
      seed: options.seed,
      onProgress: (done, total) => process.stderr.write(`\r  ${done}/${total} studies written`),
    });
    process.stderr.write('\n');
  } else {
    step(`Using the synthetic archive already in ${archiveDir}`);
  }

  step("Importing the archive's synthetic risk factors (standing in for an EHR extract)");
  const db = createDb(stack.databaseUrl);
  const truth = readGroundTruth(archiveDir);
  let added = 0;
  for (const study of truth.studies) {
    if (
      await recordRiskFactors(db, {
        mrn: study.patientId,
        sex: study.sex,
        source: 'demo-ehr-extract',
        values: study.riskFactors,
      })
    )
      added++;
  }
  console.log(`  ${truth.studies.length} patients, ${added} new risk-factor records`);

  step('Sweeping the archive through Temporal');
  const run = await runSweepWithLocalWorkers({
    databaseUrl: stack.databaseUrl,
    temporalAddress: stack.temporalAddress,
    source: archiveDir,
    keepWorkers: options.serve,
  });

  step('Worklist');
  console.log(await renderWorklist(db));
  const c = run.counters;
  console.log(
    `\nSweep ${run.sweepId}: ${c.seen} studies seen, ${c.screened} screened, ${c.alreadyScreened} already screened earlier, ` +
      `${c.skipped} skipped, ${c.failed} failed, ${c.flagged} newly flagged. Took ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );

  const apiFree = !(await isPortOpen(options.port));
  const api = options.serve && apiFree ? await startApi(stack.databaseUrl, stack.temporalAddress, options.port) : null;
  step('Where to look next');
  if (api) console.log(describeApi(api).join('\n'));
  else
    console.log(
      `API:          run \`npx cacscreen serve\`, then open http://127.0.0.1:${options.port}/app/ (worklist page) or /docs`,
    );
  if (stack.temporalUiUrl)
    console.log(
      `Temporal UI:  ${stack.temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(run.workflowId)}`,
    );
  console.log(`Archive:      ${archiveDir} (ground truth in ground-truth.json)`);
  console.log('Services:     PostgreSQL and Temporal keep running in the background; `npx cacscreen stop` stops them.');

  if (api) {
    console.log('\nServing the API and workers. Press Ctrl+C to stop.');
    await waitForInterrupt();
    await api.stop();
  }
  await run.stopWorkers();
  await db.$disconnect();
  await run.db.$disconnect();
  await run.client.connection.close();
}

export const DEMO_DEFAULTS: DemoOptions = { studies: 24, seed: 2026, serve: false, port: DEFAULT_API_PORT };
