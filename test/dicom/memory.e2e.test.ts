/**
 * Memory of readSeriesVolume on a long series: 200 real 512² CT slices (replicated QRM phantom slices, 100 MiB of
 * HU) read in a fresh child process. The peak resident set may grow by at most three times the pixel data (the
 * issue's bound; the design holds the volume plus one file at a time, so about 1×).
 */
import { execFile, spawnSync } from 'child_process';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { replicateQrmSeries } from './replicate-series';

const run = promisify(execFile);
const SLICES = 200;
const missing = spawnSync('dcmodify', ['--version']).error ? 'dcmodify (dcmtk) is not installed' : null;
if (missing) console.warn(`[memory] skipped: ${missing}`);

(missing ? describe.skip : describe)('readSeriesVolume memory', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'cacscreen-memory-'));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(`reads ${SLICES} slices of 512² with RSS growth under 3× the HU volume`, async () => {
    const dir = path.join(work, 'series');
    await replicateQrmSeries(dir, SLICES);
    const root = path.join(__dirname, '../..');
    const { stdout } = await run(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(__dirname, 'measure-read-memory.ts'), dir],
      { cwd: root, maxBuffer: 1 << 20 },
    );
    const m = JSON.parse(stdout.trim().split('\n').pop()!) as {
      slices: number;
      voxelBytes: number;
      baselineRssBytes: number;
      maxRssBytes: number;
    };
    const growth = (m.maxRssBytes - m.baselineRssBytes) / m.voxelBytes;
    console.log(
      `[memory] ${m.slices} slices, HU ${(m.voxelBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `RSS ${(m.baselineRssBytes / 2 ** 20).toFixed(0)} → peak ${(m.maxRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
        `growth ${growth.toFixed(2)}× the HU volume`,
    );
    expect(m.slices).toBe(SLICES);
    expect(m.voxelBytes).toBe(SLICES * 512 * 512 * 2);
    expect(growth).toBeLessThan(3);
  });
});
