import { renderLesion } from './render-lesion';
import { uniformVolume } from './test-volume';

describe('renderLesion', () => {
  const shape = {
    centreMm: [0.3, -0.2, 0.4] as [number, number, number],
    axis: [0.6, 0, 0.8] as [number, number, number],
    lengthMm: 6,
    diameterMm: 3,
    contrastHu: 500,
  };
  const solidMm3 = (4 / 3) * Math.PI * 3 * 1.5 * 1.5;

  it('conserves the lesion mass through the slice average and in-plane blur', () => {
    for (const [spacing, thickness] of [
      [[0.7, 0.7, 3], 3],
      [[0.5, 0.5, 1.5], 3],
    ] as [[number, number, number], number][]) {
      const v = uniformVolume(0, { spacingMm: spacing, thicknessMm: thickness, dims: [60, 60, 20] });
      const c = renderLesion(v, shape, 0.8)!;
      const sum = c.hu.reduce((a, b) => a + b, 0);
      // Each slice averages over its thickness, so overlapping slices still sum to the mass once per spacing.
      const voxelMm3 = spacing[0] * spacing[1] * spacing[2];
      expect((sum * voxelMm3) / (500 * solidMm3)).toBeCloseTo(1, 1);
      expect(c.peakHu).toBeGreaterThan(100);
      expect(c.peakHu).toBeLessThanOrEqual(500);
    }
  });

  it('thicker slices and wider blur lower the peak (partial volume)', () => {
    const thin = renderLesion(uniformVolume(0, { spacingMm: [0.7, 0.7, 1], dims: [60, 60, 40] }), shape, 0.5)!;
    const thick = renderLesion(uniformVolume(0, { spacingMm: [0.7, 0.7, 3], dims: [60, 60, 20] }), shape, 1.0)!;
    expect(thick.peakHu).toBeLessThan(thin.peakHu);
  });
});
