import { synthetic } from '../__tests__/helpers/synthetic-volume';
import { CalciumLabel } from '../labels';
import { roiMeanHu } from './roi-statistics';
import { scoreRois } from './score-rois';

// Voxel (x, y, z) sits at patient (0.5x, 0.5y, 3z) mm (origin 0, identity directions, 0.5 × 0.5 × 3 mm).
function block() {
  const s = synthetic({ dims: [10, 10, 2] });
  s.rect(2, 2, 5, 3, 0, 400, CalciumLabel.Background); // x 2–5, y 2–3: 8 px = 2 mm², no label needed
  return s;
}

describe('scoreRois', () => {
  it('scores all calcium in a region without labels', () => {
    const { volume } = block();
    const r = scoreRois(volume, [{ name: 'all', centerMm: [1.75, 1.25, 0], radiusMm: 3 }], {
      calibrationFactor: 0.001,
    });
    // 2 mm² × 4 = 8; 8 voxels × 0.75 mm³ = 6 mm³; 0.001 × (8 × 400) × 0.75 = 2.4 mg.
    expect(r.all.agatston).toBeCloseTo(8, 10);
    expect(r.all.volumeMm3).toBeCloseTo(6, 10);
    expect(r.all.massMg).toBeCloseTo(2.4, 10);
  });

  it('restricts components to the region before applying the minimum area', () => {
    const { volume } = block();
    const r = scoreRois(volume, [
      // x ∈ [0.9, 1.6] mm → voxels 2, 3; y likewise → the 2 × 2 = 4 px (1 mm²) inside: 1 × 4 = 4.
      { name: 'half', minMm: [0.9, 0.9, -1], maxMm: [1.6, 1.6, 1] },
      // x voxel 2 only → 2 px = 0.5 mm² < 1 mm² → 0.
      { name: 'sliver', minMm: [0.9, 0.9, -1], maxMm: [1.1, 1.6, 1] },
      // Entirely outside the volume.
      { name: 'outside', centerMm: [100, 100, 100], radiusMm: 2 },
    ]);
    expect(r.half).toEqual({ agatston: expect.closeTo(4, 10), volumeMm3: expect.closeTo(3, 10), massMg: null });
    expect(r.sliver.agatston).toBe(0);
    expect(r.outside).toEqual({ agatston: 0, volumeMm3: 0, massMg: null });
  });

  it('validates the regions', () => {
    const { volume } = block();
    expect(() => scoreRois(volume, [{ name: '', centerMm: [0, 0, 0], radiusMm: 1 }])).toThrow(
      expect.objectContaining({ code: 'INVALID_ROI' }),
    );
  });
});

describe('roiMeanHu', () => {
  it('averages every voxel centre in the region', () => {
    const { volume } = block();
    // Voxels x 2–3, y 2–3 (400 HU) and x 4, y 2–3 (400) plus x 1, y 2–3 (0): box x ∈ [0.5, 2] → voxels 1–4.
    // 6 × 400 + 2 × 0 over 8 voxels = 300.
    expect(roiMeanHu(volume, { name: 'm', minMm: [0.5, 1, -1], maxMm: [2, 1.5, 1] })).toEqual({
      meanHu: 300,
      voxels: 8,
    });
    expect(() => roiMeanHu(volume, { name: 'far', centerMm: [100, 0, 0], radiusMm: 1 })).toThrow(
      "Region 'far' contains no voxel centre of the volume",
    );
  });
});
