/** Synthetic CT backgrounds for the hybrid tests: a uniform tissue block with seeded noise, centred on the origin. */
import type { Volume } from '@cacscreen/dicom';
import { fillNormal } from '../random';

export function uniformVolume(
  huValue: number,
  options: {
    noiseHu?: number;
    spacingMm?: [number, number, number];
    thicknessMm?: number;
    dims?: [number, number, number];
  } = {},
): Volume {
  const spacingMm = options.spacingMm ?? [0.8, 0.8, 3];
  const dims = options.dims ?? [200, 200, 56];
  const hu = new Int16Array(dims[0] * dims[1] * dims[2]);
  const noise = new Float32Array(hu.length);
  if (options.noiseHu) fillNormal(noise, options.noiseHu, 99);
  for (let i = 0; i < hu.length; i++) hu[i] = huValue + noise[i]; // Int16Array truncates: fine for a test image
  return {
    hu,
    dims,
    spacingMm,
    sliceThicknessMm: options.thicknessMm ?? spacingMm[2],
    originMm: [
      (-(dims[0] - 1) * spacingMm[0]) / 2,
      (-(dims[1] - 1) * spacingMm[1]) / 2,
      (-(dims[2] - 1) * spacingMm[2]) / 2,
    ],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  };
}
