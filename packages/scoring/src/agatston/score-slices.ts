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

/**
 * Per byte of a 32-bit word of labels: bit 0 is set where the label may be coronary (1–4: bit 1 set, or bits 0 and 2
 * differ), clear for 0 and 5 (other calcium, which includes bone and so fills many words). Never clear for 1–4;
 * other values it lets through are checked label by label.
 */
const mayHoldCoronary = (w: number) => ((w >>> 1) | (w ^ (w >>> 2))) & 0x01010101;

/**
 * Smallest box holding every coronary-labelled voxel (labels 1–4), or null when there is none. Only such voxels can
 * count, so scoring just this box gives the same components as scoring the whole volume. Skips eight empty labels,
 * or four that are all 0 or 5 (other calcium), at once.
 */
export function coronaryLabelBox(labels: Uint8Array, dims: [number, number, number]): VoxelBox | null {
  const [cols, rows, slices] = dims;
  const plane = cols * rows;
  // Eight labels per float64 compare: only all-zero bytes (or a lone 0x80 on top, no label) make ±0.
  const wide =
    labels.byteOffset % 8 === 0 ? new Float64Array(labels.buffer, labels.byteOffset, labels.length >> 3) : null;
  const words = wide && new Uint32Array(labels.buffer, labels.byteOffset, wide.length * 2);
  let x0 = cols;
  let x1 = -1;
  let y0 = rows;
  let y1 = -1;
  let z0 = slices;
  let z1 = -1;
  const visit = (i: number) => {
    const l = labels[i];
    if (l === 0 || l > 4) return;
    const z = (i / plane) | 0;
    const r = i - z * plane;
    const y = (r / cols) | 0;
    const x = r - y * cols;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    if (z < z0) z0 = z;
    if (z > z1) z1 = z;
  };
  let start = 0;
  if (wide && words) {
    for (let f = 0; f < wide.length; f++) {
      if (wide[f] === 0) continue;
      for (let w = 2 * f; w < 2 * f + 2; w++) {
        if (mayHoldCoronary(words[w]) === 0) continue;
        const i = w << 2;
        visit(i);
        visit(i + 1);
        visit(i + 2);
        visit(i + 3);
      }
    }
    start = wide.length << 3;
  }
  for (let i = start; i < labels.length; i++) visit(i);
  return z1 < 0 ? null : { x0, x1: x1 + 1, y0, y1: y1 + 1, z0, z1: z1 + 1 };
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
