/**
 * Sharp kernels: candidates are found on a softened copy (soften-sharp-kernel.ts), which dissolves a small dense
 * plaque below the threshold. The real left-main plaque of A0001-L reads 372 HU over 7.8 mm² on the sharp kernel
 * (L) and 135 HU on one pixel on the soft kernel (B) of the same acquisition. Such plaques are taken from the acquired
 * pixels when no softened candidate holds them and three things separate them from sharp-kernel noise and edges:
 * - a peak of DENSE_PEAK_HU or more: over five noise SDs of the sharpest kernel here (L, 40 HU) above blood;
 * - at most DENSE_MAX_MM3: edge overshoot along the pericardium or a valve is long, a plaque is compact;
 * - a softened peak of DENSE_SOFTENED_HU or more: real density survives softening close to the threshold, a noise
 *   spike does not (100 HU let a false 100+ score through on a calcium-free hybrid; 120 none, on 48 hybrids and
 *   the 4 real series).
 * They then face the same anatomical rules as every other candidate, judged with the acquired image's noise.
 */
import type { Volume } from '@cacscreen/dicom';
import { type Candidate, findCandidates, type NativeBox } from './calcium-candidates';

export const DENSE_PEAK_HU = 250;
export const DENSE_MAX_MM3 = 100;
export const DENSE_SOFTENED_HU = 120;

export function denseNativeCandidates(
  acquired: Volume,
  softened: Volume,
  box: NativeBox,
  softenedCandidates: Candidate[],
  thresholdHu: number,
): Candidate[] {
  const held = new Uint8Array(acquired.hu.length);
  for (const c of softenedCandidates) for (const v of c.voxels) held[v] = 1;
  const search = { seedHu: DENSE_PEAK_HU, exclude: held };
  return findCandidates(acquired, box, thresholdHu, search).filter((c) => {
    if (c.volumeMm3 > DENSE_MAX_MM3) return false;
    let softenedPeak = -Infinity;
    for (const v of c.voxels) softenedPeak = Math.max(softenedPeak, softened.hu[v]);
    return softenedPeak >= DENSE_SOFTENED_HU;
  });
}
