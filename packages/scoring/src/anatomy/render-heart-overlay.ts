/**
 * One PNG that shows at a glance where the heart was found and what was labelled: an axial, a coronal and a sagittal
 * section through the heart's centre (mediastinal window), the outline of the located heart, the aortic root as a
 * cross, and calcium coloured by label (coronary by artery, other calcium, unlabelled bright voxels left gray). A
 * fourth panel is an axial maximum-intensity projection of the labelled calcium over the whole heart.
 */
import type { Volume } from '@cacscreen/dicom';
import { encodeIndexedPng } from '../key-images/png';
import { KEY_IMAGE_COLOURS } from '../key-images/palette';
import type { HeartSearch } from './locate-heart';

const GRAYS = 240;
const OUTLINE = 240;
const ROOT = 241;
const LABEL_BASE = 241; // label k (1–5) → LABEL_BASE + k
const PALETTE: [number, number, number][] = [
  ...Array.from({ length: GRAYS }, (_, i): [number, number, number] => {
    const v = Math.round((i * 255) / (GRAYS - 1));
    return [v, v, v];
  }),
  [0, 230, 230], // heart outline: cyan
  [255, 0, 255], // aortic root: magenta
  [...KEY_IMAGE_COLOURS.LM],
  [...KEY_IMAGE_COLOURS.LAD],
  [...KEY_IMAGE_COLOURS.LCX],
  [...KEY_IMAGE_COLOURS.RCA],
  [...KEY_IMAGE_COLOURS.other],
];

function gray(hu: number): number {
  const i = Math.round(((hu + 160) / 400) * (GRAYS - 1));
  return i < 0 ? 0 : i > GRAYS - 1 ? GRAYS - 1 : i;
}

interface Panel {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Native index → coarse heart-mask cell, for outlines. */
function heartAt(search: HeartSearch, x: number, y: number, z: number): boolean {
  if (!search.found) return false;
  const [fx, fy, fz] = search.grid.factor;
  const [nx, ny, nz] = search.grid.dims;
  const cx = Math.floor(x / fx);
  const cy = Math.floor(y / fy);
  const cz = Math.floor(z / fz);
  if (cx < 0 || cy < 0 || cz < 0 || cx >= nx || cy >= ny || cz >= nz) return false;
  return search.mask[cx + cy * nx + cz * nx * ny] === 1;
}

/**
 * A section through the volume: `u` and `v` are native axes (0 x, 1 y, 2 z) for the image's columns and rows, `w`
 * the fixed axis at index `at`. Rows and columns are resampled to `mmPerPixel` (nearest neighbour), so thick slices
 * are stretched to their true height.
 */
function section(
  volume: Volume,
  labels: Uint8Array | null,
  search: HeartSearch,
  u: number,
  v: number,
  at: number,
  mmPerPixel: number,
  flipV: boolean,
): Panel {
  const dims = volume.dims;
  const w = 3 - u - v;
  const width = Math.max(1, Math.round((dims[u] * volume.spacingMm[u]) / mmPerPixel));
  const height = Math.max(1, Math.round((dims[v] * volume.spacingMm[v]) / mmPerPixel));
  const pixels = new Uint8Array(width * height);
  const inside = new Uint8Array(width * height);
  const idx = [0, 0, 0];
  for (let r = 0; r < height; r++) {
    const vi = Math.min(dims[v] - 1, Math.floor((r * mmPerPixel) / volume.spacingMm[v]));
    for (let c = 0; c < width; c++) {
      const ui = Math.min(dims[u] - 1, Math.floor((c * mmPerPixel) / volume.spacingMm[u]));
      idx[u] = ui;
      idx[v] = flipV ? dims[v] - 1 - vi : vi;
      idx[w] = at;
      const i = idx[0] + idx[1] * dims[0] + idx[2] * dims[0] * dims[1];
      const label = labels ? labels[i] : 0;
      pixels[r * width + c] = label > 0 ? LABEL_BASE + label : gray(volume.hu[i]);
      inside[r * width + c] = heartAt(search, idx[0], idx[1], idx[2]) ? 1 : 0;
    }
  }
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const p = r * width + c;
      if (!inside[p]) continue;
      const edge =
        c === 0 ||
        r === 0 ||
        c === width - 1 ||
        r === height - 1 ||
        !inside[p - 1] ||
        !inside[p + 1] ||
        !inside[p - width] ||
        !inside[p + width];
      if (edge && pixels[p] < GRAYS) pixels[p] = OUTLINE;
    }
  }
  return { width, height, pixels };
}

function mark(panel: Panel, c: number, r: number, colour: number, size = 6): void {
  for (let d = -size; d <= size; d++) {
    for (const [x, y] of [
      [c + d, r],
      [c, r + d],
    ]) {
      if (x >= 0 && y >= 0 && x < panel.width && y < panel.height) panel.pixels[y * panel.width + x] = colour;
    }
  }
}

/** Axial maximum-intensity projection of calcium labels over the slices of the heart (gray: the slice at the centre). */
function labelProjection(volume: Volume, labels: Uint8Array | null, centre: number[], mmPerPixel: number): Panel {
  const panel = section(volume, null, { found: false } as HeartSearch, 0, 1, centre[2], mmPerPixel, false);
  if (!labels) return panel;
  const [cols, rows, slices] = volume.dims;
  for (let z = 0; z < slices; z++) {
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const label = labels[x + y * cols + z * cols * rows];
        if (!label) continue;
        const c = Math.floor((x * volume.spacingMm[0]) / mmPerPixel);
        const r = Math.floor((y * volume.spacingMm[1]) / mmPerPixel);
        if (c < panel.width && r < panel.height) {
          const p = r * panel.width + c;
          // Coronary labels win over other calcium in the projection.
          const current = panel.pixels[p] >= LABEL_BASE + 1 ? panel.pixels[p] - LABEL_BASE : 0;
          if (!current || (label <= 4 && current === 5)) panel.pixels[p] = LABEL_BASE + label;
        }
      }
    }
  }
  return panel;
}

/** Renders the overlay PNG. `labels` (same grid as the volume) is optional. */
export function renderHeartOverlay(volume: Volume, search: HeartSearch, labels: Uint8Array | null): Buffer {
  const [cols, rows, slices] = volume.dims;
  let centre = [(cols - 1) / 2, (rows - 1) / 2, (slices - 1) / 2];
  let root: number[] | null = null;
  if (search.found) {
    centre = nativeOf(volume, search.frame.centreMm);
    if (search.frame.aorticRootMm) root = nativeOf(volume, search.frame.aorticRootMm);
  }
  const at = centre.map((c, a) => Math.min(volume.dims[a] - 1, Math.max(0, Math.round(c))));
  const mm = Math.max(0.5, (cols * volume.spacingMm[0]) / 384);
  const zFlip = volume.sliceDirection[2] > 0; // rows of coronal/sagittal panels run head (top) to feet
  const axial = section(volume, labels, search, 0, 1, at[2], mm, false);
  const coronal = section(volume, labels, search, 0, 2, at[1], mm, zFlip);
  const sagittal = section(volume, labels, search, 1, 2, at[0], mm, zFlip);
  const projection = labelProjection(volume, labels, at, mm);
  const toPixel = (panel: 'axial' | 'coronal' | 'sagittal', p: number[]): [number, number] => {
    const s = volume.spacingMm;
    const zRow = (z: number) => ((zFlip ? slices - 1 - z : z) * s[2]) / mm;
    if (panel === 'axial') return [(p[0] * s[0]) / mm, (p[1] * s[1]) / mm];
    if (panel === 'coronal') return [(p[0] * s[0]) / mm, zRow(p[2])];
    return [(p[1] * s[1]) / mm, zRow(p[2])];
  };
  if (root) {
    mark(axial, ...(toPixel('axial', root).map(Math.round) as [number, number]), ROOT);
    mark(coronal, ...(toPixel('coronal', root).map(Math.round) as [number, number]), ROOT);
    mark(sagittal, ...(toPixel('sagittal', root).map(Math.round) as [number, number]), ROOT);
  }
  const panels = [axial, coronal, sagittal, projection];
  const gap = 4;
  const width = panels.reduce((w, p) => w + p.width + gap, -gap);
  const height = Math.max(...panels.map((p) => p.height));
  const pixels = new Uint8Array(width * height);
  let left = 0;
  for (const p of panels) {
    for (let r = 0; r < p.height; r++) pixels.set(p.pixels.subarray(r * p.width, (r + 1) * p.width), r * width + left);
    left += p.width + gap;
  }
  return encodeIndexedPng({ width, height, pixels, palette: PALETTE });
}

/** Patient mm → fractional native index (axial volumes: each native axis runs along one patient axis). */
function nativeOf(volume: Volume, p: number[]): number[] {
  const dirs = [volume.rowDirection, volume.columnDirection, volume.sliceDirection];
  return dirs.map((d, a) => {
    const axis =
      Math.abs(d[0]) >= Math.abs(d[1]) && Math.abs(d[0]) >= Math.abs(d[2])
        ? 0
        : Math.abs(d[1]) >= Math.abs(d[2])
          ? 1
          : 2;
    return (p[axis] - volume.originMm[axis]) / (volume.spacingMm[a] * d[axis]);
  });
}
