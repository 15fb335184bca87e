/**
 * A training case on the model grid, computed exactly as at inference (same heart crop, same cell features), from
 * any labelled volume: a phantom today, a hospital's own annotated scans tomorrow.
 */
import type { Volume } from '@cacscreen/dicom';
import { heartCrop } from './heart-box';
import { cellFeatures, cellLabels, gridMaps, type ModelBox, type Vec3 } from './model-grid';
import { INPUT_FEATURES } from './manifest';

export interface GridConfig {
  spacingMm: Vec3;
  boxCells: Vec3;
  calciumHu: number;
}

export interface TrainingCase {
  box: ModelBox;
  heartFound: boolean;
  /** Raw features, rounded to int16, [feature, z, y, x] in INPUT_FEATURES order. */
  features: Int16Array;
  /** Ground-truth class per cell, [z, y, x]. */
  target: Uint8Array;
}

export function trainingCase(volume: Volume, labels: Uint8Array, config: GridConfig): TrainingCase {
  const { box, heartFound } = heartCrop(volume, config.spacingMm, config.boxCells);
  const maps = gridMaps(volume, box);
  const raw = cellFeatures(volume, box, maps, config.calciumHu);
  const n = raw.meanHu.length;
  const features = new Int16Array(n * INPUT_FEATURES.length);
  INPUT_FEATURES.forEach((name, c) => {
    const src = raw[name];
    for (let i = 0; i < n; i++) features[c * n + i] = Math.round(src[i]);
  });
  return { box, heartFound, features, target: cellLabels(volume, labels, box, maps) };
}
