/**
 * Sharp reconstruction kernels (B70f, L, LUNG) add fine noise and overshoot at every edge, which a 130 HU threshold
 * turns into bright specks and rims. Where the noise inside the heart says the kernel is sharp, candidates are found
 * on a copy smoothed in-plane with a 5-tap binomial filter, taps about 1 mm apart (about a soft kernel's resolution); real calcium keeps its
 * peak well above 130 HU, specks and rims do not. Only the box that holds the candidates is smoothed.
 */
import type { Volume } from '@cacscreen/dicom';
import type { NativeBox } from './calcium-candidates';

/** Noise SD (HU) of ~1 mm blocks in blood above which a series is treated as a sharp-kernel reconstruction (soft kernels: 4–9 HU in the real scans here; B70f 19, L 40). */
export const SHARP_KERNEL_NOISE_HU = 14;

const TAPS = [1, 4, 6, 4, 1];

/** `stepPx`: pixels between taps, so the filter spans about the same millimetres at every pixel size. */
export function softenedCopy(volume: Volume, box: NativeBox, stepPx = 1): Volume {
  const [nx, ny] = volume.dims;
  const plane = nx * ny;
  const hu = new Int16Array(volume.hu);
  const row = new Float32Array(Math.max(nx, ny));
  const [x0, y0, z0] = box.lo;
  const [x1, y1, z1] = box.hi;
  for (let z = z0; z <= z1; z++) {
    const base = z * plane;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        let sum = 0;
        for (let k = -2; k <= 2; k++)
          sum += TAPS[k + 2] * volume.hu[base + y * nx + Math.min(nx - 1, Math.max(0, x + k * stepPx))];
        row[x] = sum / 16;
      }
      for (let x = x0; x <= x1; x++) hu[base + y * nx + x] = Math.round(row[x]);
    }
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        let sum = 0;
        for (let k = -2; k <= 2; k++)
          sum += TAPS[k + 2] * hu[base + Math.min(ny - 1, Math.max(0, y + k * stepPx)) * nx + x];
        row[y] = sum / 16;
      }
      for (let y = y0; y <= y1; y++) hu[base + y * nx + x] = Math.round(row[y]);
    }
  }
  return { ...volume, hu };
}
