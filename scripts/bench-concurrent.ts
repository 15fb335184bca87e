/**
 * npm run bench:concurrent — the inference worker's analyses without Temporal: the phantom studies of bench:sweep
 * (256² × 60, 3 mm), analysed N at once (BENCH_AT_ONCE, default 2) the two ways the worker can run them:
 *
 * - main thread: the read isolated in its own thread, then label, score and key images in this (main) thread, as
 *   the worker does for the CNN labeller and did for all labellers before;
 * - analysis threads: the whole analysis in a warm worker thread per concurrent analysis (anatomy, baseline).
 *
 * Alternates the two modes BENCH_ROUNDS times (default 2) over every study twice and prints per-stage medians and
 * studies per hour, so a busy machine affects both alike. Needs `npm run build` (the threads run compiled code).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DECODE_BUDGET, FolderArchiveSource, selectSeries } from '@cacscreen/dicom';
import { generateArchive } from '@cacscreen/phantom';
import { createAnatomyLabeller } from '@cacscreen/scoring';
import { analyzeFilesHere, type FilesAnalysis } from '../apps/worker/src/analysis/analyze-files';
import { analyzeFilesInThread } from '../apps/worker/src/analysis/analyze-in-thread';

const AT_ONCE = Number(process.env.BENCH_AT_ONCE ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const STAGES = ['decode', 'label', 'score', 'keyImages', 'total'] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'cacscreen-bench-concurrent');
  if (!fs.existsSync(dir)) await generateArchive(dir, { studies: 12, seed: 8080, sliceThicknessMm: 3 });
  const { studies } = await new FolderArchiveSource(dir).getIndex();
  const series = studies.flatMap((s) => {
    const files = selectSeries(s).chosen?.files;
    return files ? [files] : [];
  });
  const labeller = createAnatomyLabeller();
  const options = { renderKeyImages: true, decodeThreads: 1 };
  const modes: Record<string, (files: string[]) => Promise<FilesAnalysis>> = {
    'main thread': (files) => analyzeFilesHere(files, labeller, DEFAULT_DECODE_BUDGET, options),
    'analysis threads': (files) => analyzeFilesInThread(files, 'anatomy', DEFAULT_DECODE_BUDGET, options, AT_ONCE),
  };
  await modes['analysis threads'](series[0]); // start the threads once, outside the timings
  const results: Record<string, { rows: Record<string, number>[]; wallMs: number; studies: number }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? Object.keys(modes).reverse() : Object.keys(modes)) {
      const queue = [...series, ...series];
      const result = (results[name] ??= { rows: [], wallMs: 0, studies: 0 });
      const started = performance.now();
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          for (let files = queue.shift(); files; files = queue.shift()) {
            const t0 = performance.now();
            const { timingsMs } = await modes[name](files);
            result.rows.push({ ...timingsMs, total: performance.now() - t0 });
          }
        }),
      );
      result.wallMs += performance.now() - started;
      result.studies += series.length * 2;
    }
  }
  console.log(
    `\n${series.length} phantom studies (256² × 60) × 2 × ${ROUNDS} rounds, ${AT_ONCE} analyses at once, anatomy ` +
      `labeller, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the end:\n`,
  );
  console.log(`| mode | studies/hour | ${STAGES.map((s) => `${s} median ms`).join(' | ')} |`);
  console.log(`|---|---|${STAGES.map(() => '---').join('|')}|`);
  for (const [name, { rows, wallMs, studies }] of Object.entries(results)) {
    const medians = STAGES.map((s) => median(rows.map((r) => r[s])).toFixed(0));
    console.log(`| ${name} | ${Math.round((studies / wallMs) * 3_600_000)} | ${medians.join(' | ')} |`);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
