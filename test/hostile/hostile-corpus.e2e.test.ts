// The hostile-input corpus (packages/phantom/src/hostile) through the compiled CLI, as a user runs it: every case
// ends with JSON and exit 0, as a rejection naming its cause or as the control study's own score. The same run with
// times and peak memory is docs/hostile-inputs.md (scripts/hostile-report.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  HOSTILE_CASES,
  judgeOutcome,
  writeHostileCorpus,
  type ScoreAnswer,
  type WrittenHostileCase,
} from '@cacscreen/phantom';

const CLI = path.resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'cacscreen.js');
/** Cases scored at once (the machine has 2 cores). */
const PARALLEL = 2;

interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function score(dir: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'score', dir, '--json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

describe('the hostile-input corpus through `cacscreen score --json`', () => {
  let root: string;
  const runs = new Map<string, CliRun>();
  let cases: WrittenHostileCase[];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cacscreen-hostile-'));
    cases = await writeHostileCorpus(root);
    const queue = [...cases];
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) runs.set(next.id, await score(next.dir));
      }),
    );
  }, 600_000);

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('has the cases the issue found and one study folder per case', () => {
    expect(cases.map((c) => c.id)).toEqual(HOSTILE_CASES.map((c) => c.id));
    for (const id of ['frames-2147483647', 'jpeg-header-65535', 'deflate-bomb', 'rescale-intercept-nan']) {
      expect(runs.has(id)).toBe(true);
    }
  });

  it('finds coronary calcium in the control study, so that "same score as the control" means something', () => {
    const control = JSON.parse(runs.get('control')?.stdout ?? '{}') as ScoreAnswer;
    expect(control.status).toBe('scored');
    expect(control.agatston?.total).toBeGreaterThan(10);
  });

  it.each(HOSTILE_CASES.map((c) => [c.id, c.change] as const))(
    '%s (%s): JSON, exit 0 and the expected outcome',
    (id) => {
      const run = runs.get(id);
      const hostile = cases.find((c) => c.id === id);
      const control = JSON.parse(runs.get('control')?.stdout ?? '{}') as ScoreAnswer;
      expect(run?.stderr.trim().split('\n').pop() ?? '').not.toMatch(/Error|abort|heap/i);
      expect(run?.exitCode).toBe(0);
      const answer = JSON.parse(run?.stdout ?? '') as ScoreAnswer;
      expect(judgeOutcome(hostile!.expect, answer, control.agatston?.total ?? NaN)).toBeNull();
    },
  );
});
