/** Hand-built test volumes: a uniform background with voxels set one by one, and a matching label map. */
import type { Volume } from '@cacscreen/dicom';
import { CalciumLabel } from '../../labels';

export interface SyntheticSpec {
  dims: [number, number, number];
  /** [column, row, slice-centre] spacing; default [0.5, 0.5, 3] (pixel area 0.25 mm²). */
  spacingMm?: [number, number, number];
  /** Default: the slice spacing. */
  thicknessMm?: number;
  kvp?: number;
  originMm?: [number, number, number];
  backgroundHu?: number;
}

export interface Synthetic {
  volume: Volume;
  labels: Uint8Array;
  /** Sets HU (and the label, LAD unless given) of voxel (x, y, z). */
  set(x: number, y: number, z: number, hu: number, label?: CalciumLabel): void;
  /** Sets a rectangle x0..x1, y0..y1 (inclusive) on slice z. */
  rect(x0: number, y0: number, x1: number, y1: number, z: number, hu: number, label?: CalciumLabel): void;
}

export function synthetic(spec: SyntheticSpec): Synthetic {
  const [cols, rows, slices] = spec.dims;
  const spacingMm = spec.spacingMm ?? [0.5, 0.5, 3];
  const hu = new Int16Array(cols * rows * slices).fill(spec.backgroundHu ?? 0);
  const labels = new Uint8Array(hu.length);
  const volume: Volume = {
    hu,
    dims: [cols, rows, slices],
    spacingMm,
    sliceThicknessMm: spec.thicknessMm ?? spacingMm[2],
    originMm: spec.originMm ?? [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
    kvp: spec.kvp,
  };
  const set = (x: number, y: number, z: number, value: number, label: CalciumLabel = CalciumLabel.LAD) => {
    const i = x + y * cols + z * cols * rows;
    hu[i] = value;
    labels[i] = label;
  };
  const rect = (x0: number, y0: number, x1: number, y1: number, z: number, value: number, label?: CalciumLabel) => {
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) set(x, y, z, value, label);
  };
  return { volume, labels, set, rect };
}
