import type { Volume } from '@cacscreen/dicom';
import { InvalidOptionsError, InvalidVolumeError } from './errors';
import { CLASSIC_WEIGHT_BOUNDS, kvpWeightBounds, type WeightBounds } from './kvp-thresholds';
import type { QualityFlag } from './quality-flags';
import { sliceFactor, type OverlapRule, type ThicknessNormalisation } from './slice-geometry';

export type Connectivity = 4 | 8;
export type ThresholdMode = 'classic' | 'kvp';

export interface AgatstonOptions {
  /** 'classic' (default): 130 HU and 130/200/300/400. 'kvp': Gräni et al. bounds for the volume's kVp. */
  thresholdMode?: ThresholdMode;
  /** Overrides the volume's kVp in 'kvp' mode. */
  kvp?: number;
  /** Voxels with HU >= this are calcium. Default: the weight-1 bound of the mode (130 classic). */
  thresholdHu?: number;
  /** Inclusive lower HU bounds of weights 1–4. Default: the mode's bounds. */
  weightBoundsHu?: WeightBounds;
  /** A slice component must cover at least this area (mm²). Default 1. */
  minAreaMm2?: number;
  /** …and at least this many pixels (the "3 contiguous voxels" rule of some studies). Default 1 (no pixel rule). */
  minPixels?: number;
  /** In-plane connectivity of slice components. Default 8. */
  connectivity?: Connectivity;
  /** Default 'scale-to-3mm' (see sliceFactor). */
  thicknessNormalisation?: ThicknessNormalisation;
  /** Default 'scale-by-spacing' (see sliceFactor). */
  overlapRule?: OverlapRule;
  /** mg per (HU·mm³) from a hydroxyapatite phantom; without it mass is null. */
  calibrationFactor?: number | null;
}

/** Options after defaults, checks and the volume's geometry: everything the slice scorer needs. */
export interface AgatstonRules {
  thresholdHu: number;
  weightBounds: WeightBounds;
  minAreaMm2: number;
  minPixels: number;
  connectivity: Connectivity;
  sliceFactor: number;
  pixelAreaMm2: number;
  voxelVolumeMm3: number;
  calibrationFactor: number | null;
  flags: QualityFlag[];
}

export const DEFAULT_OPTIONS = {
  thresholdMode: 'classic',
  minAreaMm2: 1,
  minPixels: 1,
  // 8-connectivity: a plaque sampled on a pixel grid often touches only at corners; 4-connectivity splits it into
  // fragments that can fall under the minimum area (van Ooijen 2005: 8→4 lowers Agatston by ~3 %). DeepCAC,
  // CalciumScoring.jl and scikit-image ports use 8. On the QRM phantom 8 reproduces the FQM tool on every insert;
  // 4 is 2 % low on the medium 800-mgHA insert (docs/scoring.md).
  connectivity: 8,
  thicknessNormalisation: 'scale-to-3mm',
  overlapRule: 'scale-by-spacing',
} as const;

export function checkVolume(volume: Volume): void {
  const [cols, rows, slices] = volume.dims;
  if (![cols, rows, slices].every((d) => Number.isInteger(d) && d > 0)) {
    throw new InvalidVolumeError(`Volume dims must be positive integers, got [${volume.dims.join(', ')}]`);
  }
  if (volume.hu.length !== cols * rows * slices) {
    throw new InvalidVolumeError(`Volume has ${volume.hu.length} voxels but dims give ${cols * rows * slices}`);
  }
  if (!volume.spacingMm.every((s) => Number.isFinite(s) && s > 0)) {
    throw new InvalidVolumeError(`Voxel spacing must be positive, got [${volume.spacingMm.join(', ')}] mm`);
  }
}

function modeBounds(volume: Volume, options: AgatstonOptions): { bounds: WeightBounds; flags: QualityFlag[] } {
  const kvp = options.kvp ?? volume.kvp;
  if ((options.thresholdMode ?? DEFAULT_OPTIONS.thresholdMode) === 'classic') {
    return { bounds: CLASSIC_WEIGHT_BOUNDS, flags: kvp !== undefined && kvp !== 120 ? ['kvp-not-120'] : [] };
  }
  if (kvp === undefined || !Number.isFinite(kvp) || kvp <= 0)
    return { bounds: CLASSIC_WEIGHT_BOUNDS, flags: ['kvp-unknown'] };
  const { bounds, fit } = kvpWeightBounds(kvp);
  const flags: QualityFlag[] =
    fit === 'interpolated' ? ['kvp-interpolated'] : fit === 'clamped' ? ['kvp-out-of-range'] : [];
  return { bounds, flags };
}

function checkOptions(o: AgatstonOptions): void {
  const fail = (what: string) => {
    throw new InvalidOptionsError(what);
  };
  if (o.thresholdMode !== undefined && o.thresholdMode !== 'classic' && o.thresholdMode !== 'kvp') {
    fail(`thresholdMode must be 'classic' or 'kvp', got ${String(o.thresholdMode)}`);
  }
  if (o.thresholdHu !== undefined && !Number.isFinite(o.thresholdHu)) fail('thresholdHu must be a finite number');
  if (o.minAreaMm2 !== undefined && !(o.minAreaMm2 >= 0)) fail(`minAreaMm2 must be >= 0, got ${o.minAreaMm2}`);
  if (o.minPixels !== undefined && !(Number.isInteger(o.minPixels) && o.minPixels >= 1)) {
    fail(`minPixels must be an integer >= 1, got ${o.minPixels}`);
  }
  if (o.connectivity !== undefined && o.connectivity !== 4 && o.connectivity !== 8) {
    fail(`connectivity must be 4 or 8, got ${String(o.connectivity)}`);
  }
  const b = o.weightBoundsHu;
  if (b !== undefined && (b.length !== 4 || !b.every((v, i) => Number.isFinite(v) && (i === 0 || v > b[i - 1])))) {
    fail(`weightBoundsHu must be 4 strictly increasing numbers, got [${b.join(', ')}]`);
  }
  if (o.thicknessNormalisation !== undefined && !['none', 'scale-to-3mm'].includes(o.thicknessNormalisation)) {
    fail(`thicknessNormalisation must be 'none' or 'scale-to-3mm', got ${String(o.thicknessNormalisation)}`);
  }
  if (o.overlapRule !== undefined && !['none', 'scale-by-spacing'].includes(o.overlapRule)) {
    fail(`overlapRule must be 'none' or 'scale-by-spacing', got ${String(o.overlapRule)}`);
  }
  const c = o.calibrationFactor;
  if (c !== undefined && c !== null && !(Number.isFinite(c) && c > 0)) fail(`calibrationFactor must be > 0, got ${c}`);
}

/** Applies defaults, validates, and folds in the volume's geometry and kVp. */
export function resolveRules(volume: Volume, options: AgatstonOptions = {}): AgatstonRules {
  checkVolume(volume);
  checkOptions(options);
  const mode = modeBounds(volume, options);
  const weightBounds = options.weightBoundsHu ?? mode.bounds;
  const slice = sliceFactor(
    volume,
    options.thicknessNormalisation ?? DEFAULT_OPTIONS.thicknessNormalisation,
    options.overlapRule ?? DEFAULT_OPTIONS.overlapRule,
  );
  const pixelAreaMm2 = volume.spacingMm[0] * volume.spacingMm[1];
  return {
    thresholdHu: options.thresholdHu ?? weightBounds[0],
    weightBounds,
    minAreaMm2: options.minAreaMm2 ?? DEFAULT_OPTIONS.minAreaMm2,
    minPixels: options.minPixels ?? DEFAULT_OPTIONS.minPixels,
    connectivity: options.connectivity ?? DEFAULT_OPTIONS.connectivity,
    sliceFactor: slice.factor,
    pixelAreaMm2,
    voxelVolumeMm3: pixelAreaMm2 * volume.spacingMm[2],
    calibrationFactor: options.calibrationFactor ?? null,
    flags: [...slice.flags, ...mode.flags],
  };
}
