// Coverage-guided fuzzing of the DICOM reader for a bounded number of runs, as CI's share of scripts/fuzz-dicom.ts: it starts
// from the committed corpus, so it explores past what earlier runs reached. Any input that makes the reader
// throw something other than a typed DicomError, or take over 2 s, fails the test and is written to test/fuzz/crashes.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** A fixed number of runs (not a time) keeps CI repeatable: the same seed makes the same inputs on any machine. */
const RUNS = 30_000;
/** Only a guard: 30,000 runs take 30-50 s on 2 cores. */
const SECONDS = 240;

interface FuzzSummary {
  runs: number;
  seedFeatures: number;
  features: number;
  instrumentedFiles: number;
  crashes: { file: string; message: string; count: number }[];
  slow: { ms: number; sha1: string }[];
  outcomes: Record<string, number>;
}

describe(`fuzzing the DICOM reader for ${RUNS} runs`, () => {
  let summary: FuzzSummary;
  let exitCode: number | null;

  beforeAll(
    () => {
      // A fixed seed keeps CI repeatable; longer runs by hand (`npm run fuzz -- --seconds 600 --seed N --save`)
      // explore further with other seeds and commit what they find to test/fuzz/corpus.
      const seed = 1;
      const result = spawnSync(
        TSX,
        [
          'scripts/fuzz-dicom.ts',
          '--runs',
          String(RUNS),
          '--seconds',
          String(SECONDS),
          '--seed',
          String(seed),
          '--json',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: (SECONDS + 120) * 1000,
        },
      );
      exitCode = result.status;
      summary = JSON.parse(result.stdout) as FuzzSummary;
      console.log(`[fuzz] seed ${seed}: ${JSON.stringify({ ...summary, outcomes: undefined })}`);
    },
    (SECONDS + 180) * 1000,
  );

  it('finds no input that crashes the reader or runs over 2 s', () => {
    expect(summary.crashes).toEqual([]);
    expect(summary.slow).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it('really fuzzed: thousands of runs over the instrumented package, reaching both acceptance and rejection', () => {
    expect(summary.instrumentedFiles).toBeGreaterThan(30);
    expect(summary.runs).toBe(RUNS);
    expect(summary.features).toBeGreaterThanOrEqual(summary.seedFeatures);
    expect(summary.outcomes.accepted).toBeGreaterThan(0);
    expect(Object.keys(summary.outcomes).length).toBeGreaterThan(4);
  });
});
