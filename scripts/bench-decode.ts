/**
 * Decode throughput per transfer syntax (npm run bench:decode).
 *
 * Builds a 300-slice 512² CT series from the 10 real QRM phantom slices (packages/scoring/fixtures, MIT), each
 * copy with its own SOP Instance UID, InstanceNumber and position 1 mm apart, re-encodes it in every lossless syntax
 * whose encoder is installed (dcmtk; gdcmconv for JPEG 2000), then times reading the files and building the HU volume
 * (readSeriesVolume) several times per syntax, each syntax in its own child process so its peak RSS is its own.
 *
 * Options (environment): BENCH_SLICES (300), BENCH_RUNS (3), BENCH_KEEP=1 keeps the temp folder, BENCH_SYNTAXES
 * (keys from test/dicom/transcode.ts, comma-separated, e.g. explicit-le; default all).
 *
 * `npm run bench:decode -- --peer pydicom` also reads each series with pydicom + numpy into an int16 HU volume
 * (scripts/peers/pydicom_read_volume.py, same files, same runs, right after ours) and prints both and the ratio.
 */
import { execFileSync, fork } from 'child_process';
import { mkdtemp, readdir, rm } from 'fs/promises';
import { availableParallelism, tmpdir } from 'os';
import * as path from 'path';
import { readSeriesVolume } from '@cacscreen/dicom';
import { replicateQrmSeries } from '../test/dicom/replicate-series';
import { encoderAvailable, installHint, LOSSLESS_SYNTAXES, transcodeFiles } from '../test/dicom/transcode';
import { scriptArgs } from './lib/script-args';

const SLICES = Number(process.env.BENCH_SLICES ?? 300);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));
const SYNTAX_KEYS = process.env.BENCH_SYNTAXES?.split(',').map((k) => k.trim());
// --decode DIR: the child mode, run by this script itself for each transfer syntax.
const args = scriptArgs(
  { peer: { type: 'string' }, decode: { type: 'string' } },
  'tsx scripts/bench-decode.ts [--peer pydicom]',
);
const PEER = args.peer;
const PEER_SCRIPT = path.join(__dirname, 'peers', 'pydicom_read_volume.py');

interface ChildResult {
  secondsPerRun: number[];
  /** Peak resident set of the child during the first run (bytes); later runs overlap a volume awaiting GC. */
  maxRssBytes: number;
  /** Resident set before the first read (bytes). */
  baselineRssBytes: number;
  voxelBytes: number;
  /** Sum of all HU voxels: the peer's volume must have the same. */
  voxelSum: number;
}

interface PeerResult {
  secondsPerRun: number[];
  voxelSum: number;
  version: string;
}

/** The peer reader on the same files, or why it could not run (e.g. no codec for the syntax in pydicom). */
function runPeer(dir: string): PeerResult | string {
  try {
    const out = execFileSync('python3', [PEER_SCRIPT, dir, String(RUNS)], { encoding: 'utf8', stdio: 'pipe' });
    return JSON.parse(out.trim().split('\n').pop() ?? '') as PeerResult;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return stderr.trim().split('\n').pop() ?? 'failed';
  }
}

/** Child process: decode the series in `dir` RUNS times and report timings and memory. */
async function child(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.dcm')).map((f) => path.join(dir, f));
  const baselineRssBytes = process.memoryUsage().rss;
  const secondsPerRun: number[] = [];
  let voxelBytes = 0;
  let voxelSum = 0;
  let maxRssBytes = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    const { volume } = await readSeriesVolume(files);
    secondsPerRun.push(Number(process.hrtime.bigint() - start) / 1e9);
    voxelBytes = volume.hu.byteLength;
    voxelSum = volume.hu.reduce((a, v) => a + v, 0);
    if (r === 0) maxRssBytes = process.resourceUsage().maxRSS * 1024;
    if (volume.dims[2] !== files.length) throw new Error(`built ${volume.dims[2]} slices from ${files.length} files`);
  }
  const result: ChildResult = {
    secondsPerRun,
    maxRssBytes,
    baselineRssBytes,
    voxelBytes,
    voxelSum,
  };
  process.send?.(result);
}

function decodeInChild(dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const worker = fork(__filename, ['--decode', dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ChildResult | undefined;
    worker.on('message', (message) => {
      result = message as ChildResult;
    });
    worker.on('error', reject);
    worker.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`decode child for ${dir} exited with ${code}`)),
    );
  });
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<void> {
  const started = Date.now();
  const work = await mkdtemp(path.join(tmpdir(), 'cacscreen-bench-decode-'));
  try {
    console.log(`Building a ${SLICES}-slice 512x512 series from the QRM phantom slices in ${work} ...`);
    const base = await replicateQrmSeries(path.join(work, 'source'), SLICES, { concurrency: CONCURRENCY });
    const rows: string[][] = [];
    let reference: number | undefined;
    const peerNotes: string[] = [];
    for (const syntax of LOSSLESS_SYNTAXES) {
      if (SYNTAX_KEYS && !SYNTAX_KEYS.includes(syntax.key)) continue;
      if (!encoderAvailable(syntax)) {
        console.log(`  ${syntax.name}: skipped, ${syntax.tool} missing (${installHint(syntax)})`);
        continue;
      }
      const encodeStart = Date.now();
      const dir = path.join(work, syntax.key);
      await transcodeFiles(base, syntax, dir, CONCURRENCY);
      const encodeSeconds = (Date.now() - encodeStart) / 1000;
      const result = await decodeInChild(dir);
      const slicesPerSecond = SLICES / median(result.secondsPerRun);
      if (syntax.key === 'explicit-le') reference = slicesPerSecond;
      const runs = result.secondsPerRun.map((s) => s.toFixed(2)).join(' ');
      console.log(`  ${syntax.name}: encoded in ${encodeSeconds.toFixed(1)} s, decode runs ${runs} s`);
      const row = [
        syntax.name,
        syntax.uid,
        median(result.secondsPerRun).toFixed(3),
        slicesPerSecond.toFixed(0),
        '',
        (result.maxRssBytes / 2 ** 20).toFixed(0),
        ((result.maxRssBytes - result.baselineRssBytes) / result.voxelBytes).toFixed(2),
      ];
      if (PEER) {
        const peer = runPeer(dir);
        if (typeof peer === 'string') {
          row.push('n/a', 'n/a');
          peerNotes.push(`${syntax.name}: ${PEER} could not read it (${peer})`);
        } else {
          const peerSeconds = median(peer.secondsPerRun);
          row.push(peerSeconds.toFixed(3), `${(peerSeconds / median(result.secondsPerRun)).toFixed(2)}×`);
          console.log(`  ${PEER} (${peer.version}): runs ${peer.secondsPerRun.map((x) => x.toFixed(2)).join(' ')} s`);
          if (peer.voxelSum !== result.voxelSum) {
            peerNotes.push(`${syntax.name}: voxel sums differ (ours ${result.voxelSum}, ${PEER} ${peer.voxelSum})`);
          }
        }
      }
      rows.push(row);
    }
    for (const row of rows) row[4] = reference ? (Number(row[3]) / reference).toFixed(2) : 'n/a';
    const header = [
      'transfer syntax',
      'UID',
      'ours s (median)',
      'slices/s',
      'vs explicit LE',
      'peak RSS MiB',
      'RSS growth / voxels',
      ...(PEER ? [`${PEER} s (median)`, `${PEER} / ours`] : []),
    ];
    const table = [header, header.map(() => '---'), ...rows];
    console.log(
      `\n${SLICES} slices, 512x512, ${RUNS} runs each (read files + readSeriesVolume), Node ${process.version}, ` +
        `${availableParallelism()} cores:\n`,
    );
    for (const row of table) console.log(`| ${row.join(' | ')} |`);
    console.log(
      `\nRSS growth / voxels: (peak RSS - RSS before reading) / HU volume bytes (${((SLICES * 512 * 512 * 2) / 2 ** 20).toFixed(0)} MiB). ` +
        `Total ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    if (PEER) {
      console.log(
        `${PEER} / ours: how many times longer ${PEER} takes (> 1: ours is faster). Same files, same volume ` +
          '(voxel sums compared).',
      );
      for (const note of peerNotes) console.log(`  ${note}`);
    }
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

(args.decode !== undefined ? child(args.decode) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
