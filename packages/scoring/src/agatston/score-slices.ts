import type { Volume } from '@cacscreen/dicom';
import { SliceLabeller } from './connected-components-2d';
import { densityWeight } from './density-weight';
import type { AgatstonRules } from './options';

/** One kept 2D calcium component on one slice. */
export interface SliceComponent {
  z: number;
  /** In-slice pixel indices (x + y * cols). */
  pixels: Int32Array;
  peakHu: number;
  sumHu: number;
  areaMm2: number;
  weight: 0 | 1 | 2 | 3 | 4;
  /** area × weight × slice factor. */
  agatston: number;
}

/** Half-open voxel index ranges to scan: [x0, x1) × [y0, y1) × [z0, z1). */
export interface VoxelBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  z0: number;
  z1: number;
}

export function wholeVolume(volume: Volume): VoxelBox {
  const [cols, rows, slices] = volume.dims;
  return { x0: 0, x1: cols, y0: 0, y1: rows, z0: 0, z1: slices };
}

/** Area checks tolerate float rounding of spacing × spacing (1 mm² must not fail as 0.9999999). */
const AREA_EPSILON = 1e-9;

/**
 * The per-slice Agatston core shared by label-based and ROI scoring: within `box`, voxels with HU >= threshold for
 * which `accept(voxelIndex)` holds are grouped into 2D components slice by slice; components under the minimum
 * area or pixel count are dropped; each kept one gets its weight from its own peak HU on that slice.
 */
export function scoreSlices(
  volume: Volume,
  rules: AgatstonRules,
  box: VoxelBox,
  accept: (voxelIndex: number) => boolean,
): SliceComponent[] {
  const [cols, rows] = volume.dims;
  const plane = cols * rows;
  const hu = volume.hu;
  const labeller = new SliceLabeller(cols, rows, rules.connectivity);
  const mask = new Uint8Array(plane);
  const kept: SliceComponent[] = [];
  for (let z = box.z0; z < box.z1; z++) {
    const candidates: number[] = [];
    for (let y = box.y0; y < box.y1; y++) {
      for (let x = box.x0; x < box.x1; x++) {
        const p = x + y * cols;
        const v = p + z * plane;
        if (hu[v] >= rules.thresholdHu && accept(v)) {
          mask[p] = 1;
          candidates.push(p);
        }
      }
    }
    for (const pixels of labeller.components(mask, candidates)) {
      const areaMm2 = pixels.length * rules.pixelAreaMm2;
      if (pixels.length < rules.minPixels || areaMm2 < rules.minAreaMm2 - AREA_EPSILON) continue;
      let peakHu = -Infinity;
      let sumHu = 0;
      for (let i = 0; i < pixels.length; i++) {
        const h = hu[pixels[i] + z * plane];
        sumHu += h;
        if (h > peakHu) peakHu = h;
      }
      const weight = densityWeight(peakHu, rules.weightBounds);
      kept.push({ z, pixels, peakHu, sumHu, areaMm2, weight, agatston: areaMm2 * weight * rules.sliceFactor });
    }
    for (const p of candidates) mask[p] = 0;
  }
  return kept;
}
