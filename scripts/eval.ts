/**
 * `npm run eval`: every labeller (anatomy = the default, the CNN, the non-learned baseline) side by side on
 *   (a) held-out studies of the first phantom generator, (b) the independent generator, (c) hybrid cases on real
 *   backgrounds and (d) the real scans against the adjudicated reads (with an overlay picture per scan).
 *
 *   npm run eval -- [--phantoms 30] [--independent 30] [--hybrids 12] [--jobs 2]   (about 8 minutes on 2 cores)
 *                   [--out models/eval-results.json] [--overlays docs/real-ct]
 *
 * (c) and (d) need the real scans of ../shared (test/real-reference/scans.json); without them those sets are empty
 * and the output says so.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type CalciumLabeller,
  computeAgatston,
  createAnatomyLabeller,
  createBaselineLabeller,
  createCnnLabeller,
  renderHeartOverlay,
  type AnatomyLabeller,
} from '@cacscreen/scoring';
import { buildCase, type CasePlan, planCases, REPO, SET_TITLES, type EvalSet } from './lib/eval-cases';
import { type CaseResult, labellerResult, scoreSummary, setMetrics } from './lib/eval-metrics';
import { compareWithReads, loadReference, type RealScanRow } from './lib/eval-real-reads';

const LABELLERS = ['anatomy', 'cnn', 'baseline'] as const;
type LabellerName = (typeof LABELLERS)[number];

const { values: args } = parseArgs({
  options: {
    phantoms: { type: 'string', default: '30' },
    independent: { type: 'string', default: '30' },
    hybrids: { type: 'string', default: '12' },
    jobs: { type: 'string', default: '2' },
    out: { type: 'string', default: 'models/eval-results.json' },
    overlays: { type: 'string', default: 'docs/real-ct' },
    shard: { type: 'string' },
    shards: { type: 'string' },
  },
  strict: true,
});

function count(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${args[name]}"`);
  return n;
}

async function labellers(): Promise<Record<LabellerName, CalciumLabeller>> {
  return {
    anatomy: createAnatomyLabeller(),
    cnn: await createCnnLabeller({ intraOpThreads: 1, provider: 'cpu' }),
    baseline: createBaselineLabeller(),
  };
}

/** One shard: every plan whose position % shards === shard, one JSON line per case on stdout. */
async function runShard(plans: CasePlan[], shard: number, shards: number, overlayDir: string): Promise<void> {
  const all = await labellers();
  for (let i = shard; i < plans.length; i += shards) {
    const c = await buildCase(plans[i]);
    const row: CaseResult & { real?: RealScanRow } = {
      set: c.set,
      id: c.id,
      meta: c.meta,
      truth: c.labels ? scoreSummary(computeAgatston(c.volume, c.labels)) : null,
      results: {},
    };
    const predictedLabels: Partial<Record<LabellerName, Uint8Array>> = {};
    for (const name of LABELLERS) {
      const t = performance.now();
      const labels = await all[name].label(c.volume);
      predictedLabels[name] = labels;
      row.results[name] = labellerResult(c, labels, Math.round(performance.now() - t));
      if (c.set === 'd' && name === 'anatomy') {
        const anatomy = all.anatomy as AnatomyLabeller;
        const file = join(overlayDir, `${c.id}.png`);
        mkdirSync(overlayDir, { recursive: true });
        writeFileSync(file, renderHeartOverlay(c.volume, anatomy.lastLabelling!.heart, labels));
        row.meta.overlay = relative(REPO, file);
      }
    }
    if (c.set === 'd') row.real = compareWithReads(c, predictedLabels as Record<string, Uint8Array>);
    process.stdout.write(JSON.stringify(row) + '\n');
  }
}

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(3));

function syntheticTable(rows: CaseResult[], set: EvalSet): string[] {
  const subset = rows.filter((r) => r.set === set);
  const lines = [`\n## ${SET_TITLES[set]}`, ''];
  if (!subset.length) return [...lines, 'no cases (its count was 0, or the set needs the real scans of ../shared)'];
  lines.push(
    '| labeller | n (≥100) | sens ≥100 | spec ≥100 | CAC-DRS agree | ICC | lesion F1 (recall, precision) | artery acc | LM | LAD | LCX | RCA | ms/case |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const name of LABELLERS) {
    const m = setMetrics(subset, name);
    const a = m.arteryAccuracy;
    const per = (k: 'LM' | 'LAD' | 'LCX' | 'RCA') => `${fmt(a[k])} (${m.arteryLesions[k]})`;
    lines.push(
      `| ${name} | ${m.n} (${m.positives}) | ${fmt(m.sensitivity100)} | ${fmt(m.specificity100)} | ${fmt(m.cacDrsAgreement)} | ${fmt(m.icc)} | ${fmt(m.lesionF1)} (${fmt(m.lesionRecall)}, ${fmt(m.lesionPrecision)}) | ${fmt(a.all)} | ${per('LM')} | ${per('LAD')} | ${per('LCX')} | ${per('RCA')} | ${m.medianLabelMs} |`,
    );
  }
  return lines;
}

function realTable(rows: (CaseResult & { real?: RealScanRow })[]): string[] {
  const subset = rows.filter((r) => r.set === 'd');
  const lines = [`\n## ${SET_TITLES.d}`, ''];
  if (!subset.length) return [...lines, 'no real scans found (../shared/data/public beside the checkout)'];
  lines.push(
    '| scan | kernel | reference Agatston (read lesions) | anatomy | cnn | baseline | read lesions found by anatomy (right artery) | overlay |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of subset) {
    const real = r.real as RealScanRow;
    const lesionText = real.lesions.length
      ? real.lesions
          .map(
            (l) =>
              `${l.artery}: ${l.found.anatomy ? 'found' : 'missed'}${l.found.anatomy ? ` (${l.artery === l.predictedArtery.anatomy ? 'right' : l.predictedArtery.anatomy})` : ''}`,
          )
          .join('; ')
      : 'none read';
    lines.push(
      `| ${r.id} | ${r.meta.kernel} | ${real.referenceAgatston.toFixed(1)} (${real.lesions.length}) | ${r.results.anatomy.total.toFixed(1)} | ${r.results.cnn.total.toFixed(1)} | ${r.results.baseline.total.toFixed(1)} | ${lesionText} | ${r.meta.overlay ?? '—'} |`,
    );
  }
  return lines;
}

async function main(): Promise<void> {
  const plans = planCases({ a: count('phantoms'), b: count('independent'), hybridsPerScan: count('hybrids') });
  const overlayDir = resolve(REPO, args.overlays as string);
  if (args.shard !== undefined) {
    await runShard(plans, Number(args.shard), Number(args.shards), overlayDir);
    return;
  }
  loadReference(); // fail early on a malformed reference
  const jobs = Math.max(1, count('jobs'));
  const started = Date.now();
  const rows: (CaseResult & { real?: RealScanRow })[] = [];
  const script = __filename;
  const children = Array.from({ length: jobs }, (_, shard) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        script,
        ...['--shard', String(shard), '--shards', String(jobs)],
        ...['--phantoms', String(args.phantoms), '--independent', String(args.independent)],
        ...['--hybrids', String(args.hybrids), '--overlays', String(args.overlays)],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      rows.push(JSON.parse(line));
      const done = rows.length;
      if (done % 5 === 0 || done === plans.length) {
        const eta = ((Date.now() - started) / done) * (plans.length - done);
        process.stderr.write(`eval: ${done}/${plans.length} cases, about ${Math.round(eta / 1000)} s left\n`);
      }
    });
    return new Promise<void>((ok, fail) =>
      child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`eval shard ${shard} exited with ${code}`)))),
    );
  });
  await Promise.all(children);
  const order: EvalSet[] = ['d', 'c', 'b', 'a'];
  rows.sort((x, y) => order.indexOf(x.set) - order.indexOf(y.set) || x.id.localeCompare(y.id));
  const lines = [
    `# Calcium labeller evaluation (${new Date().toISOString().slice(0, 10)}, ${rows.length} cases)`,
    '',
    'Real and hybrid first (the evidence that matters), then the two synthetic generators. sens/spec: Agatston ≥ 100;',
    'CAC-DRS agreement: share of cases in the same CAC-DRS class (0, 1–99, 100–299, ≥ 300); artery accuracy: found true',
    'lesions given their own artery (count of true lesions in brackets). Truth: phantom labels (a, b), inserted lesions (c),',
    'the adjudicated reads of test/real-reference (d).',
    ...realTable(rows),
    ...syntheticTable(rows, 'c'),
    ...syntheticTable(rows, 'b'),
    ...syntheticTable(rows, 'a'),
  ];
  console.log(lines.join('\n'));
  const out = resolve(REPO, args.out as string);
  mkdirSync(dirname(out), { recursive: true });
  const summary = Object.fromEntries(
    (['a', 'b', 'c'] as EvalSet[]).map((set) => [
      set,
      Object.fromEntries(
        LABELLERS.map((n) => [
          n,
          setMetrics(
            rows.filter((r) => r.set === set),
            n,
          ),
        ]),
      ),
    ]),
  );
  writeFileSync(out, JSON.stringify({ generated: new Date().toISOString(), summary, rows }, null, 1) + '\n');
  writeFileSync(out.replace(/\.json$/, '.md'), lines.join('\n') + '\n');
  console.log(`\nwrote ${relative(REPO, out)} and its .md in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
