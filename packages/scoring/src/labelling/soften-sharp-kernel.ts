/**
 * Sharp reconstruction kernels (B70f, L, LUNG) add fine noise and overshoot at every edge, which a 130 HU threshold
 * turns into bright specks and rims. Where the noise inside the heart says the kernel is sharp, candidates are found
 * on a copy smoothed in-plane with a 5-tap binomial filter (a Gaussian of σ = one tap step), taps about 0.85 mm apart:
 * about a soft kernel's resolution. Real calcium keeps its peak above 130 HU, specks and rims do not. Wider steps (σ
 * 1.3 mm at 0.65 mm pixels) took a 2 mm calcification from 280 HU to under 110, so it was never a candidate; narrower
 * ones (σ 0.66 mm on a sharp 0.84 mm scan re-sampled to 0.33 mm pixels) left its speckle, scoring up to 258 on a
 * calcium-free heart. Only the box that holds the candidates is smoothed.
 */
import type { Volume } from '@cacscreen/dicom';
import type { NativeBox } from './calcium-candidates';

/** Noise SD (HU) of ~1 mm blocks in blood above which a series is treated as a sharp-kernel reconstruction (soft kernels: 4–9 HU in the real scans here; B70f 19, L 40). */
export const SHARP_KERNEL_NOISE_HU = 14;

/** Target distance (mm) between taps, the filter's σ. */
const TAP_STEP_MM = 0.85;

/** Pixels between taps for a pixel size: about TAP_STEP_MM, at least one pixel. */
export function softeningStepPx(pixelMm: number): number {
  return Math.max(1, Math.round(TAP_STEP_MM / pixelMm));
}

/** `stepPx`: pixels between taps, so the filter spans about the same millimetres at every pixel size. */
export function softenedCopy(volume: Volume, box: NativeBox, stepPx = 1): Volume {
  const [nx, ny] = volume.dims;
  const plane = nx * ny;
  const src = volume.hu;
  const hu = new Int16Array(src);
  const [x0, y0, z0] = box.lo;
  const [x1, y1, z1] = box.hi;
  // One slice at a time: the horizontal pass into `across` (rounded, as the vertical pass reads it), then the
  // vertical pass row by row, both in memory order.
  const across = new Int16Array(plane);
  const clampX = (x: number) => (x < 0 ? 0 : x >= nx ? nx - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y >= ny ? ny - 1 : y);
  const s1 = stepPx;
  const s2 = 2 * stepPx;
  // Taps 1 4 6 4 1 over 16; (sum + 8) >> 4 is Math.round(sum / 16) for every integer sum. Columns whose taps stay
  // inside the image take the fast path without clamping.
  const xFast0 = Math.max(x0, s2);
  const xFast1 = Math.min(x1, nx - 1 - s2);
  for (let z = z0; z <= z1; z++) {
    const base = z * plane;
    across.set(src.subarray(base, base + plane));
    for (let y = y0; y <= y1; y++) {
      const row = base + y * nx;
      const out = y * nx;
      for (let x = x0; x <= x1; x++) {
        if (x === xFast0) {
          for (; x <= xFast1; x++) {
            const i = row + x;
            across[out + x] = (src[i - s2] + 4 * src[i - s1] + 6 * src[i] + 4 * src[i + s1] + src[i + s2] + 8) >> 4;
          }
          if (x > x1) break;
        }
        const sum =
          src[row + clampX(x - s2)] +
          4 * src[row + clampX(x - s1)] +
          6 * src[row + x] +
          4 * src[row + clampX(x + s1)] +
          src[row + clampX(x + s2)];
        across[out + x] = (sum + 8) >> 4;
      }
    }
    for (let y = y0; y <= y1; y++) {
      const r0 = clampY(y - s2) * nx;
      const r1 = clampY(y - s1) * nx;
      const r2 = y * nx;
      const r3 = clampY(y + s1) * nx;
      const r4 = clampY(y + s2) * nx;
      const dst = base + r2;
      for (let x = x0; x <= x1; x++) {
        hu[dst + x] =
          (across[r0 + x] + 4 * across[r1 + x] + 6 * across[r2 + x] + 4 * across[r3 + x] + across[r4 + x] + 8) >> 4;
      }
    }
  }
  return { ...volume, hu };
}
