import type { Volume } from '@cacscreen/dicom';
import { findCandidates, type NativeBox } from '../calcium-candidates';
import { DENSE_SOFTENED_HU, denseNativeCandidates } from '../dense-native-candidates';
import { softenedCopy, softeningStepPx } from '../soften-sharp-kernel';

const N = 48;
const PIXEL_MM = 0.84;
const BOX: NativeBox = { lo: [0, 0, 0], hi: [N - 1, N - 1, 1] };

/** Two 0.84 mm slices of 40 HU tissue with rectangles of `hu` written into slice 0 ([x, y, width, height]). */
function tissue(blocks: [number, number, number, number, number][]): Volume {
  const hu = new Int16Array(N * N * 2).fill(40);
  for (const [x0, y0, w, h, value] of blocks)
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) hu[y * N + x] = value;
  return {
    dims: [N, N, 2],
    spacingMm: [PIXEL_MM, PIXEL_MM, 3],
    sliceThicknessMm: 3,
    hu,
    originMm: [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  };
}

function search(volume: Volume) {
  const softened = softenedCopy(volume, BOX, softeningStepPx(PIXEL_MM));
  const onSoftened = findCandidates(softened, BOX, 130);
  return { softened, onSoftened, dense: denseNativeCandidates(volume, softened, BOX, onSoftened, 130) };
}

describe('dense plaques that sharp-kernel softening dissolves', () => {
  it('takes a small 400 HU plaque from the acquired pixels when softening leaves it just under 130 HU', () => {
    const volume = tissue([[20, 20, 2, 1, 400]]);
    const { softened, onSoftened, dense } = search(volume);
    const softenedPeak = Math.max(softened.hu[20 * N + 20], softened.hu[20 * N + 21]);
    expect(softenedPeak).toBeGreaterThanOrEqual(DENSE_SOFTENED_HU);
    expect(softenedPeak).toBeLessThan(130); // so the softened search alone misses it
    expect(onSoftened).toHaveLength(0);
    expect(dense).toHaveLength(1);
    expect(dense[0].voxels.sort((a, b) => a - b)).toEqual([20 * N + 20, 20 * N + 21]);
  });

  it('leaves a one-pixel spike (sharp-kernel noise) and a plaque under 250 HU alone', () => {
    expect(search(tissue([[10, 10, 1, 1, 400]])).dense).toHaveLength(0);
    expect(search(tissue([[30, 30, 2, 1, 240]])).dense).toHaveLength(0);
  });

  it('does not repeat what the softened search found, nor split a piece off it', () => {
    const volume = tissue([
      [10, 30, 4, 4, 450], // survives softening: a softened candidate
      [14, 31, 1, 1, 420], // a bright pixel touching it
    ]);
    const { onSoftened, dense } = search(volume);
    expect(onSoftened).toHaveLength(1);
    expect(dense).toHaveLength(0);
  });
});
