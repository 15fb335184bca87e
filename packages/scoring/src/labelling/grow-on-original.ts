/**
 * A sharp-kernel series is searched on a softened copy (soften-sharp-kernel.ts), and softening pulls a lesion's edge
 * under 130 HU: labelling only the softened component scored the hybrid cases' sharp-kernel lesions at a fifth to a
 * third of their truth (575 as 99, 996 as 97). Agatston is defined on the acquired pixels, so a lesion found on the
 * softened copy is grown, in its own slices, over the original pixels at or above 130 HU, at most GROW_MM from it.
 *
 * Only clear calcium is grown. What survives softening on a calcium-free sharp scan (speckle by the atria, the
 * myocardium's edge) peaks at 130–159 HU on the copy in the real backgrounds here; every inserted lesion found there
 * peaked at 192 HU or more. Growing the speckle too turned its 0–23 Agatston into 38–127.
 */
import type { Volume } from '@cacscreen/dicom';
import type { NativeBox } from './calcium-candidates';

/** How far (mm, in-plane) the label may reach beyond the softened component: one pixel at typical sizes. */
export const GROW_MM = 1;
/** Softened peak (HU) a candidate needs before it is grown. */
export const GROW_MIN_SOFTENED_PEAK_HU = 180;

/**
 * `voxels`: the component on the softened copy; `softenedPeakHu`: its peak there. Returns its voxels plus the original
 * voxels >= thresholdHu within GROW_MM of them (8-connected steps in their slice, inside `box`).
 */
export function grownOnOriginal(
  original: Volume,
  voxels: number[],
  softenedPeakHu: number,
  box: NativeBox,
  thresholdHu: number,
): number[] {
  if (softenedPeakHu < GROW_MIN_SOFTENED_PEAK_HU) return voxels;
  const [nx, ny] = original.dims;
  const steps = Math.max(1, Math.round(GROW_MM / original.spacingMm[0]));
  const member = new Set(voxels);
  const out = [...voxels];
  let front = voxels;
  for (let step = 0; step < steps && front.length; step++) {
    const next: number[] = [];
    for (const v of front) {
      const x = v % nx;
      const y = ((v - x) / nx) % ny;
      const sliceBase = v - x - y * nx;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < box.lo[1] || yy > box.hi[1]) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < box.lo[0] || xx > box.hi[0]) continue;
          const w = sliceBase + yy * nx + xx;
          if (member.has(w) || original.hu[w] < thresholdHu) continue;
          member.add(w);
          next.push(w);
          out.push(w);
        }
      }
    }
    front = next;
  }
  return out;
}
