/**
 * `npm run eval`: regenerates the held-out synthetic evaluation set and compares the CNN and the baseline labeller
 * with the ground truth, overall and by slice thickness, noise, kernel and body size.
 *
 *   npm run eval -- [--cases 200] [--jobs 2] [--first-seed 1000000] [--out models/eval-results.json] [--model PATH]
 *
 * Held out: seeds from EVALUATION_SEED_BASE up (training uses seeds below it) and continuous acquisition draws, so
 * no evaluation study's settings were ever used in training. All numbers are on synthetic phantoms.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { EVALUATION_SEED_BASE, generateThorax, sampleAcquisition } from '@cacscreen/phantom';
import {
  binaryCounts,
  classicClass,
  computeAgatston,
  createBaselineLabeller,
  createCnnLabeller,
  f1,
  iccAbsoluteAgreement,
  lesionAgreement,
  type LesionAgreement,
  linearWeightedKappa,
  sensitivity,
  specificity,
  type CalciumLabeller,
} from '@cacscreen/scoring';
import { minimumAreaPixels, truthLesionGroups } from './lib/phantom-lesions';

const CLASSES = ['0', '1-10', '11-100', '101-400', '>400'];
const LABELLERS = ['cnn', 'baseline'] as const;
type LabellerName = (typeof LABELLERS)[number];

interface CaseResult {
  seed: number;
  sliceThicknessMm: number;
  noiseHu: number;
  kernel: string;
  bodyScale: number;
  pixelSpacingMm: number;
  truth: number;
  scores: Record<LabellerName, number>;
  lesions: Record<LabellerName, LesionAgreement>;
  labelMs: Record<LabellerName, number>;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

async function runShard(first: number, cases: number, shard: number, shards: number, model?: string): Promise<void> {
  const labellers: Record<LabellerName, CalciumLabeller> = {
    cnn: await createCnnLabeller({ manifestPath: model, intraOpThreads: 1, provider: 'cpu' }),
    baseline: createBaselineLabeller(),
  };
  for (let seed = first + shard; seed < first + cases; seed += shards) {
    const study = generateThorax(sampleAcquisition(seed));
    const s = study.settings as typeof study.settings & { kernel?: string; bodyScale?: number };
    const truth = computeAgatston(study.volume, study.labels).agatston.total;
    const truthGroups = truthLesionGroups(study);
    const minPixels = minimumAreaPixels(study.volume);
    const result: CaseResult = {
      seed,
      sliceThicknessMm: s.sliceThicknessMm,
      noiseHu: s.noiseHu,
      kernel: s.kernel ?? 'smooth',
      bodyScale: s.bodyScale ?? 1,
      pixelSpacingMm: s.pixelSpacingMm,
      truth,
      scores: { cnn: 0, baseline: 0 },
      lesions: {} as Record<LabellerName, LesionAgreement>,
      labelMs: { cnn: 0, baseline: 0 },
    };
    for (const name of LABELLERS) {
      const t = performance.now();
      const labels = await labellers[name].label(study.volume);
      result.labelMs[name] = Math.round(performance.now() - t);
      result.scores[name] = computeAgatston(study.volume, labels).agatston.total;
      result.lesions[name] = lesionAgreement(study.labels, labels, study.volume.dims, truthGroups, minPixels);
    }
    process.stdout.write(JSON.stringify(result) + '\n');
  }
}

interface Metrics {
  n: number;
  icc: number;
  iccLog: number;
  kappa: number;
  sensitivity100: number;
  specificity100: number;
  lesionF1: number;
  lesionRecall: number;
  lesionPrecision: number;
  arteryAccuracy: number;
}

function metrics(rows: CaseResult[], name: LabellerName): Metrics {
  const pairs = rows.map((r) => [r.truth, r.scores[name]]);
  const classIndex = (v: number) => CLASSES.indexOf(classicClass(v));
  const counts = binaryCounts(
    rows.map((r) => r.truth >= 100),
    rows.map((r) => r.scores[name] >= 100),
  );
  const sum = (f: (l: LesionAgreement) => number) => rows.reduce((s, r) => s + f(r.lesions[name]), 0);
  const recall = sum((l) => l.found) / sum((l) => l.truthLesions);
  const precision = sum((l) => l.predictedTrue) / sum((l) => l.predictedLesions);
  return {
    n: rows.length,
    icc: iccAbsoluteAgreement(pairs),
    iccLog: iccAbsoluteAgreement(pairs.map(([a, b]) => [Math.log1p(a), Math.log1p(b)])),
    kappa: linearWeightedKappa(
      rows.map((r) => classIndex(r.truth)),
      rows.map((r) => classIndex(r.scores[name])),
      CLASSES.length,
    ),
    sensitivity100: sensitivity(counts),
    specificity100: specificity(counts),
    lesionF1: f1(precision, recall),
    lesionRecall: recall,
    lesionPrecision: precision,
    arteryAccuracy: sum((l) => l.arteryRight) / sum((l) => l.found),
  };
}

const GROUPS: { title: string; of: (r: CaseResult) => string }[] = [
  { title: 'all', of: () => 'all' },
  {
    title: 'slice thickness',
    of: (r) =>
      r.sliceThicknessMm <= 1
        ? '≤ 1 mm'
        : r.sliceThicknessMm < 3
          ? '1.25–2.5 mm'
          : r.sliceThicknessMm === 3
            ? '3 mm'
            : '5 mm',
  },
  {
    title: 'noise',
    of: (r) => (r.noiseHu < 20 ? 'σ < 20 HU' : r.noiseHu < 40 ? 'σ 20–39 HU' : 'σ ≥ 40 HU (low dose)'),
  },
  { title: 'kernel', of: (r) => r.kernel },
  {
    title: 'body size',
    of: (r) => (r.bodyScale < 0.95 ? 'small (< 0.95)' : r.bodyScale <= 1.15 ? 'medium' : 'large (> 1.15)'),
  },
];

const fmt = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(3));

function report(rows: CaseResult[]): { tables: string; summary: Record<string, unknown> } {
  const lines: string[] = [];
  const summary: Record<string, unknown> = {};
  for (const group of GROUPS) {
    const keys = [...new Set(rows.map(group.of))].sort();
    lines.push(`\n### ${group.title}\n`);
    lines.push(
      '| group | labeller | n | ICC | ICC log | κ (5 classes) | sens ≥100 | spec ≥100 | lesion F1 | lesion recall | lesion precision | artery acc |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const key of keys) {
      const subset = rows.filter((r) => group.of(r) === key);
      for (const name of LABELLERS) {
        const m = metrics(subset, name);
        summary[`${group.title}/${key}/${name}`] = m;
        lines.push(
          `| ${key} | ${name} | ${m.n} | ${fmt(m.icc)} | ${fmt(m.iccLog)} | ${fmt(m.kappa)} | ${fmt(m.sensitivity100)} | ${fmt(m.specificity100)} | ${fmt(m.lesionF1)} | ${fmt(m.lesionRecall)} | ${fmt(m.lesionPrecision)} | ${fmt(m.arteryAccuracy)} |`,
        );
      }
    }
  }
  return { tables: lines.join('\n'), summary };
}

async function main(): Promise<void> {
  const cases = Number(arg('cases', '200'));
  const first = Number(arg('first-seed', String(EVALUATION_SEED_BASE)));
  const model = process.argv.includes('--model') ? resolve(arg('model', '')) : undefined;
  if (process.argv.includes('--shard')) {
    await runShard(first, cases, Number(arg('shard', '0')), Number(arg('shards', '1')), model);
    return;
  }
  if (first < EVALUATION_SEED_BASE)
    console.warn(`warning: seeds below ${EVALUATION_SEED_BASE} overlap the training set`);
  const jobs = Number(arg('jobs', '2'));
  const out = resolve(arg('out', 'models/eval-results.json'));
  const started = Date.now();
  const rows: CaseResult[] = [];
  const children = Array.from({ length: jobs }, (_, shard) => {
    const child = spawn(
      process.execPath,
      [
        ...process.execArgv,
        __filename,
        '--shard',
        String(shard),
        '--shards',
        String(jobs),
        '--cases',
        String(cases),
        '--first-seed',
        String(first),
        ...(model ? ['--model', model] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      rows.push(JSON.parse(line) as CaseResult);
      const done = rows.length;
      if (done % 10 === 0 || done === cases) {
        const eta = ((Date.now() - started) / done) * (cases - done);
        process.stderr.write(`eval: ${done}/${cases} studies, about ${Math.round(eta / 1000)} s left\n`);
      }
    });
    return new Promise<void>((ok, fail) =>
      child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`eval shard ${shard} exited with ${code}`)))),
    );
  });
  await Promise.all(children);
  rows.sort((a, b) => a.seed - b.seed);
  const { tables, summary } = report(rows);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `# Labeller evaluation on ${rows.length} held-out synthetic phantoms (seeds ${first}–${first + cases - 1})`,
  );
  console.log(
    `Median labelling time per study: cnn ${median(rows.map((r) => r.labelMs.cnn))} ms, baseline ${median(rows.map((r) => r.labelMs.baseline))} ms (1 thread each, ${jobs} jobs in parallel).`,
  );
  console.log(tables);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      { generated: new Date().toISOString(), cases: rows.length, firstSeed: first, summary, rows },
      null,
      1,
    ) + '\n',
  );
  console.log(`\nwrote ${out} in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
