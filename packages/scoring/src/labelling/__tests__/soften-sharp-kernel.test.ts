import type { Volume } from '@cacscreen/dicom';
import type { NativeBox } from '../calcium-candidates';
import { softenedCopy, softeningStepPx } from '../soften-sharp-kernel';

/** One axial slice with a disc of `hu` HU, radius `radiusMm`, on 0 HU, at `pixelMm` pixels. */
function discSlice(pixelMm: number, radiusMm: number, hu: number): Volume {
  const n = 64;
  const values = new Int16Array(n * n);
  const c = n / 2;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) if (Math.hypot(x - c, y - c) * pixelMm <= radiusMm) values[y * n + x] = hu;
  // Softening reads only the grid and the HU; the rest of the volume is irrelevant here.
  return { dims: [n, n, 1], spacingMm: [pixelMm, pixelMm, 3], hu: values } as unknown as Volume;
}

describe('sharp-kernel softening', () => {
  it('spaces taps about 0.85 mm apart at every pixel size', () => {
    expect(softeningStepPx(0.32)).toBe(3);
    expect(softeningStepPx(0.49)).toBe(2);
    expect(softeningStepPx(0.65)).toBe(1);
    expect(softeningStepPx(0.84)).toBe(1);
    expect(softeningStepPx(0.2)).toBe(4);
  });

  it('keeps a 2 mm calcification above the 130 HU threshold (peak close to a Gaussian of σ = tap step)', () => {
    // A disc of radius R under a 2-D Gaussian of σ peaks at (1 − exp(−R²/2σ²)) of its height: 0.69 for R 1 mm, σ 0.65 mm.
    const pixelMm = 0.65;
    const volume = discSlice(pixelMm, 1, 400);
    const step = softeningStepPx(pixelMm);
    const box: NativeBox = { lo: [0, 0, 0], hi: [63, 63, 0] };
    const peak = (v: Volume) => Math.max(...Array.from(v.hu));
    const sigma = step * pixelMm;
    const expected = 400 * (1 - Math.exp(-1 / (2 * sigma * sigma)));
    const soft = peak(softenedCopy(volume, box, step));
    expect(soft).toBeGreaterThan(130);
    expect(Math.abs(soft - expected) / expected).toBeLessThan(0.15);
    // The former 1 mm step (two pixels at 0.65 mm, σ 1.3 mm) took much more of the peak.
    expect(peak(softenedCopy(volume, box, 2))).toBeLessThan(0.7 * soft);
  });
});
