/**
 * npm run bench:batch — does batching CNN windows from concurrent studies into one ONNX Runtime call help on the CPU?
 *
 * The shipped model (models/cac-cnn.json) sees 80 × 80 × 40-cell windows, two per study (a 72-cell box with 8 cells
 * of overlap). This times the same windows run one call per window (what each study's labeller does today, also
 * with two studies calling at once) against one call with a batch of 2, 4 and 8 windows, on one warm session with
 * CACSCREEN_ONNX_THREADS intra-op threads (default: the cores). Inputs are random within each channel's clip range:
 * the model's cost does not depend on the values. Prints windows per second and the ratio to one call per window.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const THREADS = Number(process.env.CACSCREEN_ONNX_THREADS ?? availableParallelism());
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'models', 'cac-cnn.json'), 'utf8')) as {
    file: string;
    input: unknown[];
    grid: { patchCells: [number, number, number] };
  };
  const [w, h, d] = manifest.grid.patchCells;
  const channels = manifest.input.length;
  const session = await ort.InferenceSession.create(join(__dirname, '..', 'models', manifest.file), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    intraOpNumThreads: THREADS,
  });
  const [inputName] = session.inputNames;
  const perWindow = channels * d * h * w;
  const window = () => Float32Array.from({ length: perWindow }, () => Math.random() * 2 - 1);
  const run = (batch: Float32Array[]) => {
    const data = new Float32Array(batch.length * perWindow);
    batch.forEach((x, i) => data.set(x, i * perWindow));
    return session.run({ [inputName]: new ort.Tensor('float32', data, [batch.length, channels, d, h, w]) });
  };
  const windows = Array.from({ length: 8 }, window);
  await run([windows[0]]); // warm-up
  const modes: [string, () => Promise<unknown>][] = [
    [
      '1 window per call, one after another',
      async () => {
        for (const x of windows) await run([x]);
      },
    ],
    [
      '1 window per call, two studies at once',
      () =>
        Promise.all(
          [0, 1].map(async (s) => {
            for (const x of windows.slice(s * 4, s * 4 + 4)) await run([x]);
          }),
        ),
    ],
    [
      'batch of 2 per call',
      async () => {
        for (let i = 0; i < 8; i += 2) await run(windows.slice(i, i + 2));
      },
    ],
    [
      'batch of 4 per call (two studies)',
      async () => {
        for (let i = 0; i < 8; i += 4) await run(windows.slice(i, i + 4));
      },
    ],
    ['batch of 8 per call', () => run(windows)],
  ];
  const times = new Map<string, number[]>(modes.map(([name]) => [name, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, mode] of r % 2 ? [...modes].reverse() : modes) {
      const started = performance.now();
      await mode();
      times.get(name)!.push(performance.now() - started);
    }
  }
  const base = median(times.get(modes[0][0])!);
  console.log(
    `\nCNN windows ${w}×${h}×${d} × ${channels} channels, 8 windows per round, median of ${ROUNDS} rounds, ` +
      `${THREADS} intra-op threads, onnxruntime-node ${ort.env.versions.common}, ${availableParallelism()} cores:\n`,
  );
  console.log('| mode | ms per 8 windows | windows/s | vs one per call |\n|---|---|---|---|');
  for (const [name] of modes) {
    const ms = median(times.get(name)!);
    console.log(`| ${name} | ${ms.toFixed(0)} | ${((8 / ms) * 1000).toFixed(1)} | ${(base / ms).toFixed(2)}× |`);
  }
  await session.release();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
