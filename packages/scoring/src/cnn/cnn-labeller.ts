/**
 * The CNN calcium labeller: heart-region crop → model grid (fixed mm cells) → sliding-window ONNX inference →
 * per-cell class (coronary only inside the heart zone) → label of every native voxel at or above the calcium
 * threshold, so Agatston is computed on the original pixels. See docs/model.md for the model itself.
 */
import { resolve } from 'node:path';
import type { Volume } from '@cacscreen/dicom';
import type { CalciumLabeller } from '../pipeline/calcium-labeller';
import { CalciumLabel } from '../labels';
import type { LocatedHeart } from '../labelling/baseline-heart';
import { heartCrop, inHeartZone } from './heart-box';
import { type LoadedManifest, loadModelManifest, type ModelManifest } from './manifest';
import { type CellFeatures, cellFeatures, gridMaps, type ModelBox, nativeLabels, type Vec3 } from './model-grid';
import { createModelSession, type ModelSession, type SessionOptions } from './onnx-session';
import { windows } from './sliding-window';

/** The shipped model, unless CACSCREEN_MODEL names another manifest. */
export const DEFAULT_MODEL_MANIFEST = resolve(__dirname, '../../../../models/cac-cnn.json');

export interface CnnTimings {
  cropMs: number;
  featuresMs: number;
  inferenceMs: number;
  mapBackMs: number;
  windows: number;
  windowsRun: number;
}

export interface CnnLabeller extends CalciumLabeller {
  readonly provider: 'cpu' | 'cuda';
  readonly manifest: ModelManifest;
  /** Stage timings of the last label() call (for benchmarks). */
  lastTimings: CnnTimings | null;
  /**
   * One inference, labels for several operating points: each set of offsets (one per class) is added to the mean
   * class scores before the arg-max. label() uses the manifest's scoreOffsets.
   */
  labelAtOffsets(volume: Volume, offsetSets: number[][]): Promise<Uint8Array[]>;
  /** Frees the ONNX session. */
  close(): Promise<void>;
}

/** Normalised model input [C, D, H, W] from the raw cell features, as the manifest prescribes. */
export function modelInput(features: CellFeatures, manifest: ModelManifest): Float32Array {
  const n = features.meanHu.length;
  const out = new Float32Array(n * manifest.input.length);
  manifest.input.forEach((channel, c) => {
    const src = features[channel.feature];
    const [lo, hi] = channel.clip;
    const inv = 1 / channel.scale;
    const base = c * n;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      out[base + i] = (v < lo ? lo : v > hi ? hi : v) * inv;
    }
  });
  return out;
}

/** Copies one patch [C, pz, py, px] out of a [C, nz, ny, nx] grid. */
function extractPatch(grid: Float32Array, channels: number, size: Vec3, origin: Vec3, patch: Vec3): Float32Array {
  const [nx, ny, nz] = size;
  const [px, py, pz] = patch;
  const out = new Float32Array(channels * px * py * pz);
  let k = 0;
  for (let c = 0; c < channels; c++) {
    for (let z = 0; z < pz; z++) {
      for (let y = 0; y < py; y++) {
        const src = ((c * nz + origin[2] + z) * ny + origin[1] + y) * nx + origin[0];
        out.set(grid.subarray(src, src + px), k);
        k += px;
      }
    }
  }
  return out;
}

/**
 * Labels the volume with the model, once per set of score offsets (one inference, several operating points: see
 * `scoreOffsets` in docs/model.md). Candidates are cells whose brightest voxel reaches the calcium threshold; a cell's
 * scores are the mean over the windows that cover it.
 */
async function labelVolume(
  volume: Volume,
  manifest: ModelManifest,
  session: ModelSession,
  timings: CnnTimings,
  offsetSets: number[][],
): Promise<Uint8Array[]> {
  const t0 = performance.now();
  const { spacingMm, boxCells, patchCells, overlapCells } = manifest.grid;
  const { box, heart } = heartCrop(volume, spacingMm, boxCells);
  const maps = gridMaps(volume, box);
  const t1 = performance.now();
  const features = cellFeatures(volume, box, maps, manifest.calciumHu);
  const input = modelInput(features, manifest);
  const t2 = performance.now();
  const [nx, ny, nz] = boxCells;
  const cells = nx * ny * nz;
  const candidate = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) candidate[i] = features.maxHu[i] >= manifest.calciumHu ? 1 : 0;
  const classes = manifest.labels.length;
  const scores = new Float32Array(cells * classes);
  const hits = new Uint16Array(cells);
  const all = windows(boxCells, patchCells, overlapCells);
  timings.windows = all.length;
  timings.windowsRun = 0;
  const [px, py, pz] = patchCells;
  for (const origin of all) {
    if (!windowHasCandidate(candidate, boxCells, origin, patchCells)) continue;
    timings.windowsRun++;
    const patch = extractPatch(input, manifest.input.length, boxCells, origin, patchCells);
    const out = await session.run(patch, [1, manifest.input.length, pz, py, px]);
    const patchCellsCount = px * py * pz;
    for (let z = 0; z < pz; z++) {
      for (let y = 0; y < py; y++) {
        for (let x = 0; x < px; x++) {
          const cell = ((origin[2] + z) * ny + origin[1] + y) * nx + origin[0] + x;
          if (!candidate[cell]) continue;
          const p = (z * py + y) * px + x;
          hits[cell]++;
          for (let k = 0; k < classes; k++) scores[cell * classes + k] += out[k * patchCellsCount + p];
        }
      }
    }
  }
  const t3 = performance.now();
  const outsideZone = cellsOutsideHeartZone(box, hits, heart);
  const results = offsetSets.map((offsets) => {
    const cellLabel = new Uint8Array(cells);
    for (let i = 0; i < cells; i++) {
      const n = hits[i];
      if (!n) continue;
      let best = 0;
      let bestScore = scores[i * classes] / n + offsets[0];
      for (let k = 1; k < classes; k++) {
        const score = scores[i * classes + k] / n + offsets[k];
        if (score > bestScore) {
          best = k;
          bestScore = score;
        }
      }
      cellLabel[i] = best;
    }
    for (const i of outsideZone)
      if (cellLabel[i] >= CalciumLabel.LM && cellLabel[i] <= CalciumLabel.RCA) cellLabel[i] = CalciumLabel.OtherCalcium;
    return nativeLabels(volume, box, maps, cellLabel, manifest.calciumHu);
  });
  const t4 = performance.now();
  timings.cropMs = t1 - t0;
  timings.featuresMs = t2 - t1;
  timings.inferenceMs = t3 - t2;
  timings.mapBackMs = t4 - t3;
  return results;
}

/** Scored cells whose centre lies outside the heart zone: they may hold calcium, never coronary calcium. */
function cellsOutsideHeartZone(box: ModelBox, hits: Uint16Array, heart: LocatedHeart | null): number[] {
  const [nx, ny] = box.cells;
  const out: number[] = [];
  for (let i = 0; i < hits.length; i++) {
    if (!hits[i]) continue;
    const x = i % nx;
    const y = ((i - x) / nx) % ny;
    const z = (i - x - y * nx) / (nx * ny);
    const centre: Vec3 = [
      box.originMm[0] + x * box.spacingMm[0],
      box.originMm[1] + y * box.spacingMm[1],
      box.originMm[2] + z * box.spacingMm[2],
    ];
    if (!inHeartZone(heart, centre)) out.push(i);
  }
  return out;
}

function windowHasCandidate(candidate: Uint8Array, size: Vec3, origin: Vec3, patch: Vec3): boolean {
  const [nx, ny] = size;
  for (let z = origin[2]; z < origin[2] + patch[2]; z++) {
    for (let y = origin[1]; y < origin[1] + patch[1]; y++) {
      const row = (z * ny + y) * nx;
      for (let x = origin[0]; x < origin[0] + patch[0]; x++) if (candidate[row + x]) return true;
    }
  }
  return false;
}

export interface CnnLabellerOptions extends SessionOptions {
  /** Path of the model manifest; default CACSCREEN_MODEL or the shipped models/cac-cnn.json. */
  manifestPath?: string;
}

/** Loads the manifest and model (checking its sha256) and opens one warm ONNX session. */
export async function createCnnLabeller(options: CnnLabellerOptions = {}): Promise<CnnLabeller> {
  const manifestPath = options.manifestPath ?? process.env.CACSCREEN_MODEL ?? DEFAULT_MODEL_MANIFEST;
  const loaded: LoadedManifest = loadModelManifest(manifestPath);
  const { manifest } = loaded;
  const session = await createModelSession(loaded.modelBytes, options);
  const offsets = manifest.scoreOffsets ?? manifest.labels.map(() => 0);
  const labeller: CnnLabeller = {
    name: manifest.name,
    version: manifest.version,
    sha256: manifest.sha256,
    provider: session.provider,
    manifest,
    lastTimings: null,
    async label(volume) {
      return (await labeller.labelAtOffsets(volume, [offsets]))[0];
    },
    async labelAtOffsets(volume, offsetSets) {
      const timings: CnnTimings = { cropMs: 0, featuresMs: 0, inferenceMs: 0, mapBackMs: 0, windows: 0, windowsRun: 0 };
      const labels = await labelVolume(volume, manifest, session, timings, offsetSets);
      labeller.lastTimings = timings;
      return labels;
    },
    close: () => session.release(),
  };
  return labeller;
}
