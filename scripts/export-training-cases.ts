/**
 * Writes CNN training cases (model-grid features + ground truth, .npy) for training/train.py.
 *
 *   Phantoms:   npx tsx scripts/export-training-cases.ts --out DIR --cases 600 [--first-seed 1] [--shard 0 --shards 1]
 *   Your data:  npx tsx scripts/export-training-cases.ts --out DIR --volumes SRC
 *               SRC holds <id>.hu.npy (int16 HU, shape [slices, rows, columns], slices foot → head),
 *               <id>.labels.npy (uint8, same shape: 0 background, 1 LM, 2 LAD, 3 LCX, 4 RCA, 5 other calcium) and
 *               <id>.json ({ "spacingMm": [col, row, slice], "originMm": [x, y, z] }, axial LPS).
 *
 * Each case is computed exactly as the runtime sees a series (same heart crop and cell features; grid from
 * training/config.json): <id>.features.npy int16 [3, z, y, x] and <id>.target.npy uint8 [z, y, x], plus one JSON line
 * per case in cases-<shard>.jsonl (settings, burden, lesion counts, crop).
 */
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Volume } from '@cacscreen/dicom';
import { generateThorax, sampleAcquisition } from '@cacscreen/phantom';
import { trainingCase, type GridConfig } from '@cacscreen/scoring';
import { readNpy, writeNpy } from './lib/npy';
import { numberFlag, scriptArgs } from './lib/script-args';

interface Config {
  calciumHu: number;
  grid: { spacingMm: [number, number, number]; boxCells: [number, number, number] };
}

const args = scriptArgs(
  {
    out: { type: 'string', default: 'training/data' },
    volumes: { type: 'string' },
    cases: { type: 'string' },
    'first-seed': { type: 'string' },
    shard: { type: 'string' },
    shards: { type: 'string' },
  },
  'tsx scripts/export-training-cases.ts --out DIR (--cases 600 [--first-seed 1] [--shard 0 --shards 1] | --volumes SRC)',
);

function writeCase(
  out: string,
  shard: number,
  id: string,
  volume: Volume,
  labels: Uint8Array,
  grid: GridConfig,
  meta: object,
): void {
  const c = trainingCase(volume, labels, grid);
  const [nx, ny, nz] = grid.boxCells;
  writeNpy(join(out, `${id}.features.npy`), c.features, [3, nz, ny, nx]);
  writeNpy(join(out, `${id}.target.npy`), c.target, [nz, ny, nx]);
  const positives = c.target.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
  appendFileSync(
    join(out, `cases-${shard}.jsonl`),
    JSON.stringify({ id, heartFound: c.heartFound, positives, box: c.box, ...meta }) + '\n',
  );
}

function fromVolumes(src: string, out: string, grid: GridConfig): number {
  const ids = readdirSync(src)
    .filter((f) => f.endsWith('.hu.npy'))
    .map((f) => f.slice(0, -'.hu.npy'.length));
  for (const id of ids) {
    const hu = readNpy(join(src, `${id}.hu.npy`));
    const labels = readNpy(join(src, `${id}.labels.npy`));
    const geometry = JSON.parse(readFileSync(join(src, `${id}.json`), 'utf8')) as {
      spacingMm: [number, number, number];
      originMm: [number, number, number];
    };
    if (
      !(hu.data instanceof Int16Array) ||
      !(labels.data instanceof Uint8Array) ||
      hu.data.length !== labels.data.length
    ) {
      throw new Error(`${id}: need int16 HU and uint8 labels of the same shape`);
    }
    const [slices, rows, cols] = hu.shape;
    const volume: Volume = {
      hu: hu.data,
      dims: [cols, rows, slices],
      spacingMm: geometry.spacingMm,
      sliceThicknessMm: geometry.spacingMm[2],
      originMm: geometry.originMm,
      rowDirection: [1, 0, 0],
      columnDirection: [0, 1, 0],
      sliceDirection: [0, 0, 1],
    };
    writeCase(out, 0, id, volume, labels.data, grid, { source: 'volumes' });
  }
  return ids.length;
}

function main(): void {
  const out = resolve(args.out as string);
  const config = JSON.parse(readFileSync(resolve(__dirname, '../training/config.json'), 'utf8')) as Config;
  const grid: GridConfig = {
    spacingMm: config.grid.spacingMm,
    boxCells: config.grid.boxCells,
    calciumHu: config.calciumHu,
  };
  mkdirSync(out, { recursive: true });
  const volumes = args.volumes;
  if (volumes) {
    console.log(`exported ${fromVolumes(resolve(volumes), out, grid)} cases from ${volumes}`);
    return;
  }
  const cases = numberFlag('cases', args.cases, 600);
  const firstSeed = numberFlag('first-seed', args['first-seed'], 1);
  const shard = numberFlag('shard', args.shard, 0);
  const shards = numberFlag('shards', args.shards, 1, 1);
  const started = Date.now();
  let done = 0;
  for (let seed = firstSeed + shard; seed < firstSeed + cases; seed += shards) {
    const settings = sampleAcquisition(seed);
    const study = generateThorax(settings);
    const kinds: Record<string, number> = {};
    for (const l of study.lesions) kinds[l.kind] = (kinds[l.kind] ?? 0) + 1;
    writeCase(out, shard, `case-${seed}`, study.volume, study.labels, grid, {
      seed,
      settings: study.settings,
      burden: study.burden,
      lesionKinds: kinds,
    });
    done++;
    if (done % 10 === 0)
      console.log(`shard ${shard}: ${done} cases, ${((Date.now() - started) / done).toFixed(0)} ms/case`);
  }
  console.log(`shard ${shard}: wrote ${done} cases to ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
