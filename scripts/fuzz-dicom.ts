/**
 * Coverage-guided fuzzing of the DICOM reader (parse → decode → one-slice volume) in packages/dicom.
 *
 * Jazzer.js, the usual choice, cannot run here: its 4.x native addon needs glibc 2.38 (this machine has 2.36) and
 * 2.x downloads its addon from GitHub at install. So this is a small libFuzzer-style loop of our own: the compiled
 * package and dicom-parser are instrumented with istanbul counters, every statement/branch hit-count bucket is a
 * feature, and a mutated input that shows a new feature joins the corpus. Any exception that is not a DicomError is
 * a crash (the reader must reject bad data with a typed error), and so is an input that takes over --slow-ms
 * (except JPEG-LS frames, a known CharLS limit: see test/fuzz/known-slow).
 *
 *   npm run build && npx tsx scripts/fuzz-dicom.ts [--seconds 60] [--runs N] [--seed 1] [--save] [--json]
 *
 * Seeds: packages/dicom/fixtures (files up to 64 KiB) and test/fuzz/corpus, the inputs earlier runs found. --save
 * adds this run's new inputs to that folder and then keeps only a minimal set (greedy, smallest first) that covers
 * every feature. Crashes are written to test/fuzz/crashes with their stack; the exit code is 1 if there are any.
 */
import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { CoverageFeedback, instrumentRequires } from './fuzz/coverage-feedback';
import { loadTarget, type Outcome } from './fuzz/dicom-target';
import { MAX_INPUT_BYTES, mutate, Rng } from './fuzz/mutate';
import { numberFlag, scriptArgs } from './lib/script-args';

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'packages', 'dicom', 'fixtures');
const CORPUS = path.join(ROOT, 'test', 'fuzz', 'corpus');
const CRASHES = path.join(ROOT, 'test', 'fuzz', 'crashes');
const DIST = path.join(ROOT, 'packages', 'dicom', 'dist') + path.sep;
/**
 * CharLS (JPEG-LS) spends seconds on some 4 KB frames and cannot be stopped mid-frame: a known, bounded finding
 * (test/fuzz/known-slow). Slow JPEG-LS inputs are counted apart; a slow input of any other syntax fails the run.
 */
const KNOWN_SLOW_SYNTAXES = new Set(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);

interface Options {
  seconds: number;
  runs: number;
  seed: number;
  save: boolean;
  json: boolean;
  slowMs: number;
}

function parseOptions(argv: string[]): Options {
  const flags = scriptArgs(
    {
      seconds: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'slow-ms': { type: 'string' },
      save: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    'tsx scripts/fuzz-dicom.ts [--seconds 60] [--runs N] [--seed 1] [--slow-ms 2000] [--save] [--json]',
    argv,
  );
  return {
    seconds: numberFlag('seconds', flags.seconds, 60),
    runs: numberFlag('runs', flags.runs, Number.POSITIVE_INFINITY),
    seed: numberFlag('seed', flags.seed, 1),
    slowMs: numberFlag('slow-ms', flags['slow-ms'], 2000),
    save: flags.save,
    json: flags.json,
  };
}

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

function readSeeds(): { name: string; bytes: Buffer }[] {
  const seeds: { name: string; bytes: Buffer }[] = [];
  for (const dir of [FIXTURES, CORPUS]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (!name.endsWith('.dcm') || fs.statSync(file).size > MAX_INPUT_BYTES) continue;
      seeds.push({ name: path.relative(ROOT, file), bytes: fs.readFileSync(file) });
    }
  }
  return seeds;
}

function saveCrash(input: Uint8Array, error: Error): string {
  fs.mkdirSync(CRASHES, { recursive: true });
  const name = sha1(input).slice(0, 16);
  fs.writeFileSync(path.join(CRASHES, `${name}.dcm`), input);
  fs.writeFileSync(path.join(CRASHES, `${name}.txt`), `${error.stack ?? error.message}\n`);
  return name;
}

/** Keeps the smallest inputs that together show every feature the whole corpus shows. */
function minimize(corpus: Buffer[], run: (input: Uint8Array) => Outcome): Buffer[] {
  const feedback = new CoverageFeedback();
  feedback.collect();
  const kept: Buffer[] = [];
  for (const input of [...corpus].sort((a, b) => a.length - b.length)) {
    run(input);
    if (feedback.takeNewFeatures() > 0) kept.push(input);
  }
  return kept;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  instrumentRequires(
    (file) =>
      (file.startsWith(DIST) && !file.includes(`${path.sep}isolation${path.sep}`)) ||
      file.includes(`${path.sep}dicom-parser${path.sep}`),
  );
  const run = loadTarget(ROOT);
  const feedback = new CoverageFeedback();
  feedback.collect();
  const rng = new Rng(options.seed);
  const outcomes = new Map<string, number>();
  const crashes: { file: string; message: string; count: number }[] = [];
  /** One saved input per kind of crash: the message with its numbers blanked, and the throwing frame. */
  const signature = (error: Error) =>
    `${error.name}: ${error.message.replace(/\d+/g, 'N')} @ ${error.stack?.split('\n')[1]?.trim() ?? '?'}`;
  const crashBySignature = new Map<string, { file: string; message: string; count: number }>();
  const slow: { ms: number; sha1: string }[] = [];
  let slowest = 0;
  let knownSlow = 0;

  const execute = (input: Buffer): { outcome: Outcome; fresh: number } => {
    const started = performance.now();
    const outcome = run(input);
    const ms = performance.now() - started;
    slowest = Math.max(slowest, ms);
    const key = outcome.kind === 'rejected' ? outcome.code : outcome.kind;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    if (outcome.kind === 'crash') {
      const known = crashBySignature.get(signature(outcome.error));
      if (known) known.count++;
      else {
        const message = `${outcome.error.name}: ${outcome.error.message}`;
        const crash = { file: saveCrash(input, outcome.error), message, count: 1 };
        crashBySignature.set(signature(outcome.error), crash);
        crashes.push(crash);
      }
    }
    if (ms > options.slowMs && KNOWN_SLOW_SYNTAXES.has(outcome.transferSyntaxUid ?? '')) knownSlow++;
    else if (ms > options.slowMs) {
      slow.push({ ms: Math.round(ms), sha1: sha1(input) });
      saveCrash(input, new Error(`took ${Math.round(ms)} ms (over --slow-ms ${options.slowMs})`));
    }
    return { outcome, fresh: feedback.takeNewFeatures() };
  };

  const seeds = readSeeds();
  const corpus: Buffer[] = [];
  for (const seed of seeds) {
    execute(seed.bytes);
    corpus.push(seed.bytes);
  }
  const seedFeatures = feedback.features;
  log(
    `[fuzz] ${seeds.length} seeds, ${feedback.files} instrumented files, ${feedback.counterCount} counters, ` +
      `${seedFeatures} features from the seeds`,
  );

  const found: Buffer[] = [];
  const started = Date.now();
  let runs = 0;
  let lastReport = started;
  const other = () => rng.pick(corpus);
  while (runs < options.runs && Date.now() - started < options.seconds * 1000) {
    const input = mutate(rng.pick(corpus), rng, other);
    runs++;
    if (execute(input).fresh > 0) {
      corpus.push(input);
      found.push(input);
    }
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const seconds = (lastReport - started) / 1000;
      log(
        `[fuzz] ${seconds.toFixed(0)} s: ${runs} runs (${Math.round(runs / seconds)}/s), corpus ${corpus.length}, ` +
          `${feedback.features} features, ${crashes.length} crashes`,
      );
    }
  }
  const seconds = (Date.now() - started) / 1000;

  let corpusFiles: number | undefined;
  if (options.save) {
    const previous = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((n) => n.endsWith('.dcm')) : [];
    const fromFolder = previous.map((n) => fs.readFileSync(path.join(CORPUS, n)));
    const kept = minimize([...fromFolder, ...found], run);
    fs.mkdirSync(CORPUS, { recursive: true });
    for (const name of previous) fs.rmSync(path.join(CORPUS, name));
    for (const input of kept) fs.writeFileSync(path.join(CORPUS, `${sha1(input).slice(0, 16)}.dcm`), input);
    corpusFiles = kept.length;
    log(`[fuzz] corpus folder: ${previous.length} → ${kept.length} inputs (minimal set covering every feature)`);
  }

  const summary = {
    runs,
    seconds: Math.round(seconds),
    runsPerSecond: Math.round(runs / Math.max(seconds, 1e-3)),
    seeds: seeds.length,
    newInputs: found.length,
    seedFeatures,
    features: feedback.features,
    counters: feedback.counterCount,
    instrumentedFiles: feedback.files,
    slowestMs: Math.round(slowest),
    slow,
    knownSlowJpegLs: knownSlow,
    crashes,
    outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
    ...(corpusFiles === undefined ? {} : { corpusFiles }),
  };
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    log(
      `[fuzz] done: ${runs} runs in ${summary.seconds} s (${summary.runsPerSecond}/s), ${found.length} new inputs, ` +
        `features ${seedFeatures} → ${feedback.features}, slowest input ${summary.slowestMs} ms, ` +
        `${crashes.length} kinds of crash, ${slow.length} slow (+${knownSlow} known-slow JPEG-LS)`,
    );
    log(`[fuzz] outcomes: ${JSON.stringify(summary.outcomes)}`);
    for (const crash of crashes) log(`[fuzz] crash ×${crash.count} ${crash.file}: ${crash.message}`);
  }
  process.exitCode = crashes.length || slow.length ? 1 : 0;
}

main();
