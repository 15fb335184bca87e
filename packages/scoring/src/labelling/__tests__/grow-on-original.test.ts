import type { Volume } from '@cacscreen/dicom';
import type { NativeBox } from '../calcium-candidates';
import { GROW_MIN_SOFTENED_PEAK_HU, grownOnOriginal } from '../grow-on-original';
import { findCandidates } from '../calcium-candidates';
import { softenedCopy, softeningStepPx } from '../soften-sharp-kernel';

const N = 48;

/** Two slices at `pixelMm`: a disc of `hu` HU and radius `radiusMm` on 40 HU tissue in slice 0; slice 1 is a copy. */
function discVolume(pixelMm: number, radiusMm: number, hu: number): Volume {
  const values = new Int16Array(N * N * 2).fill(40);
  for (let z = 0; z < 2; z++)
    for (let y = 0; y < N; y++)
      for (let x = 0; x < N; x++)
        if (Math.hypot(x - N / 2, y - N / 2) * pixelMm <= radiusMm) values[z * N * N + y * N + x] = hu;
  return {
    dims: [N, N, 2],
    spacingMm: [pixelMm, pixelMm, 3],
    hu: values,
    originMm: [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  } as unknown as Volume;
}

const BOX: NativeBox = { lo: [0, 0, 0], hi: [N - 1, N - 1, 1] };
const count130 = (v: Volume, voxels: number[]) => voxels.filter((i) => v.hu[i] >= 130).length;

describe('growing a softened-copy lesion over the acquired pixels', () => {
  it('recovers the calcium softening took under 130 HU, which the Agatston area counts', () => {
    const pixelMm = 0.7;
    const original = discVolume(pixelMm, 1.5, 250);
    const truePixels = Array.from(original.hu).filter((h) => h >= 130).length / 2;
    const soft = softenedCopy(original, BOX, softeningStepPx(pixelMm));
    const [found] = findCandidates(soft, { ...BOX, hi: [N - 1, N - 1, 0] }, 130);
    // Independent check of the premise: the softened component holds fewer of the disc's pixels than the disc has.
    expect(count130(original, found.voxels)).toBeLessThan(truePixels);
    const grown = grownOnOriginal(original, found.voxels, found.peakHu, BOX, 130);
    expect(found.peakHu).toBeGreaterThanOrEqual(GROW_MIN_SOFTENED_PEAK_HU);
    expect(count130(original, grown)).toBe(truePixels);
  });

  it('stays in the lesion slice and reaches at most about a millimetre past the component', () => {
    const pixelMm = 0.5;
    const original = discVolume(pixelMm, 4, 400);
    const centre = (N / 2) * N + N / 2;
    const grown = grownOnOriginal(original, [centre], 400, BOX, 130);
    // GROW_MM of 1 at 0.5 mm pixels: two 8-connected steps, a 5 × 5 square, all inside the disc.
    expect(grown).toHaveLength(25);
    expect(grown.every((v) => v < N * N)).toBe(true);
  });

  it('leaves speckle (a softened peak under the growth minimum) as it is', () => {
    const original = discVolume(0.7, 3, 300);
    const centre = (N / 2) * N + N / 2;
    expect(grownOnOriginal(original, [centre], GROW_MIN_SOFTENED_PEAK_HU - 1, BOX, 130)).toEqual([centre]);
  });
});
