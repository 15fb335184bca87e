import { CalciumLabel } from '../labels';
import { synthetic } from '../__tests__/helpers/synthetic-volume';
import { computeAgatston } from './compute-agatston';
import type { AgatstonOptions } from './options';

// Unless a test says otherwise: 0.5 × 0.5 mm pixels (0.25 mm² each, so a 2×2 block is exactly 1 mm²), contiguous
// 3-mm slices (slice factor 1), background 0 HU, calcium labelled LAD.

/**
 * MolloiLab/CalciumScoring.jl conventions (reference §1.6, §3) where they differ from ours: components are HU > 128
 * at 120 kV (integer HU, so thresholdHu 129), weight bounds 130/199/299/399, no thickness normalisation, and
 * 8-connectivity with a minimum of round(1 mm² / pixel area) = 4 pixels at 0.5 mm, which equals our 1 mm² rule.
 */
const JULIA_120KV: AgatstonOptions = {
  thresholdHu: 129,
  weightBoundsHu: [130, 199, 299, 399],
  thicknessNormalisation: 'none',
  connectivity: 8,
};

describe('computeAgatston: CalciumScoring.jl test vectors', () => {
  it('4×4×2, two columns of 400 HU at 0.5 mm → Agatston 16, volume 2 mm³, mass 0.6 mg', () => {
    const s = synthetic({ dims: [4, 4, 2], spacingMm: [0.5, 0.5, 0.5] });
    for (const z of [0, 1]) s.rect(0, 0, 1, 3, z, 400);
    const r = computeAgatston(s.volume, s.labels, { ...JULIA_120KV, calibrationFactor: 0.00075 });
    // Per slice: 2 columns × 4 rows = 8 px × 0.25 mm² = 2 mm², weight 4 → 8; two slices → 16.
    expect(r.agatston.total).toBeCloseTo(16, 10);
    // 16 voxels × (0.5 × 0.5 × 0.5 = 0.125 mm³) = 2 mm³.
    expect(r.volumeMm3).toBeCloseTo(2, 10);
    // 0.00075 × mean 400 HU × 2 mm³ = 0.6 mg.
    expect(r.massMg).toBeCloseTo(0.6, 10);
  });

  // 4 rows × 7 columns × 2 slices, 3 columns of calcium whose HU rises as kV falls; every one is weight 2 in its row
  // of the Gräni table: 260 ∈ [183, 274) at 135 kV, 280 ∈ [199, 299) at 120, 310 ∈ [222, 334) at 100,
  // 400 ∈ [271, 408) at 80. Area per slice 3 × 4 = 12 px × 0.25 = 3 mm² → 6 per slice, 12 for two slices.
  // Julia's component threshold is > round(378·e^(−0.009·kV)) = 112, 128, 154, 184: thresholdHu is one more.
  it.each([
    [135, 260, 113],
    [120, 280, 129],
    [100, 310, 155],
    [80, 400, 185],
  ])('kV %i, %i HU → 12', (kvp, hu, juliaThreshold) => {
    const s = synthetic({ dims: [7, 4, 2], spacingMm: [0.5, 0.5, 0.5], kvp });
    for (const z of [0, 1]) s.rect(0, 0, 2, 3, z, hu);
    const options: AgatstonOptions = { thresholdMode: 'kvp', thicknessNormalisation: 'none' };
    expect(computeAgatston(s.volume, s.labels, { ...options, thresholdHu: juliaThreshold }).agatston.total).toBeCloseTo(
      12,
      10,
    );
    // Our own kvp-mode threshold (the table's weight-1 bound) gives the same here: every voxel is far above both.
    expect(computeAgatston(s.volume, s.labels, options).agatston.total).toBeCloseTo(12, 10);
  });
});

describe('computeAgatston: threshold and weights (classic, 130 HU, >=)', () => {
  function score2x2(hu: number, peak: number): number {
    const s = synthetic({ dims: [6, 6, 1] });
    s.rect(2, 2, 3, 3, 0, hu);
    s.set(2, 2, 0, peak);
    return computeAgatston(s.volume, s.labels).agatston.total;
  }

  it('counts 130 HU but not 129', () => {
    // 2×2 block at 130 HU: 1 mm² × weight 1 = 1.
    expect(score2x2(130, 130)).toBeCloseTo(1, 10);
    // At 129 nothing reaches the threshold.
    expect(score2x2(129, 129)).toBe(0);
    // Three pixels at 130 and one at 129: the component is 3 px = 0.75 mm² < 1 mm² → dropped.
    expect(score2x2(130, 129)).toBe(0);
  });

  // 2×2 block (1 mm²) at 150 HU with one peak pixel: score = 1 mm² × weight(peak).
  it.each([
    [199, 1],
    [200, 2],
    [299, 2],
    [300, 3],
    [399, 3],
    [400, 4],
    [1500, 4],
  ])('peak %i HU → weight %i', (peak, weight) => {
    expect(score2x2(150, peak)).toBeCloseTo(weight, 10);
  });

  it('in kvp mode at 120 kV, 199 HU is already weight 2 (Gräni bounds 130/199/299/399)', () => {
    const s = synthetic({ dims: [6, 6, 1], kvp: 120 });
    s.rect(2, 2, 3, 3, 0, 150);
    s.set(2, 2, 0, 199);
    // 1 mm² × 2.
    expect(computeAgatston(s.volume, s.labels, { thresholdMode: 'kvp' }).agatston.total).toBeCloseTo(2, 10);
  });

  it('weights each slice by its own peak', () => {
    const s = synthetic({ dims: [6, 6, 2] });
    s.rect(2, 2, 3, 3, 0, 450);
    s.rect(2, 2, 3, 3, 1, 250);
    // Slice 0: 1 mm² × 4 = 4; slice 1: 1 mm² × 2 = 2 → 6 (not 2 × 4 from the lesion's overall peak).
    expect(computeAgatston(s.volume, s.labels).agatston.total).toBeCloseTo(6, 10);
  });
});

describe('computeAgatston: minimum size', () => {
  function lShape(spacing: number, options?: AgatstonOptions) {
    const s = synthetic({ dims: [5, 5, 1], spacingMm: [spacing, spacing, 3] });
    s.set(1, 1, 0, 400);
    s.set(2, 1, 0, 400);
    s.set(1, 2, 0, 400);
    return computeAgatston(s.volume, s.labels, options).agatston.total;
  }

  it('drops a component just under 1 mm² and keeps one just over', () => {
    // 3 px × 0.57² = 3 × 0.3249 = 0.9747 mm² < 1 → 0.
    expect(lShape(0.57)).toBe(0);
    // 3 px × 0.58² = 3 × 0.3364 = 1.0092 mm² ≥ 1 → 1.0092 × 4 = 4.0368.
    expect(lShape(0.58)).toBeCloseTo(4.0368, 10);
  });

  it('keeps a component of exactly 1 mm² despite float rounding of the pixel area', () => {
    // 0.1 × 0.1 is 0.010000000000000002 in floating point; 100 px must still be 1 mm².
    const s = synthetic({ dims: [12, 12, 1], spacingMm: [0.1, 0.1, 3] });
    s.rect(0, 0, 9, 9, 0, 400);
    expect(computeAgatston(s.volume, s.labels).agatston.total).toBeCloseTo(4, 10);
  });

  it('supports a pixel-count rule instead of an area rule', () => {
    // 3 px at 0.5 mm = 0.75 mm²: kept by "at least 3 pixels" → 0.75 × 4 = 3; dropped by "at least 4".
    expect(lShape(0.5, { minAreaMm2: 0, minPixels: 3 })).toBeCloseTo(3, 10);
    expect(lShape(0.5, { minAreaMm2: 0, minPixels: 4 })).toBe(0);
  });
});

describe('computeAgatston: connectivity', () => {
  function diagonalBlocks(connectivity: 4 | 8): number {
    const s = synthetic({ dims: [6, 6, 1] });
    s.rect(0, 0, 1, 1, 0, 400);
    s.rect(2, 2, 3, 3, 0, 200); // touches the first block only at the corner (1,1)–(2,2)
    return computeAgatston(s.volume, s.labels, { connectivity }).agatston.total;
  }

  it('joins diagonal neighbours with 8-connectivity (the default) and splits them with 4', () => {
    // 8: one component of 8 px = 2 mm², peak 400 → 2 × 4 = 8.
    expect(diagonalBlocks(8)).toBeCloseTo(8, 10);
    // 4: two 1-mm² components, 1 × 4 + 1 × 2 = 6.
    expect(diagonalBlocks(4)).toBeCloseTo(6, 10);
  });

  it('a diagonal chain survives the minimum area only with 8-connectivity', () => {
    const s = synthetic({ dims: [6, 6, 1] });
    for (let i = 0; i < 4; i++) s.set(i, i, 0, 300);
    // 8: 4 px = 1 mm² × weight 3 = 3. 4: four single pixels of 0.25 mm², all dropped.
    expect(computeAgatston(s.volume, s.labels).agatston.total).toBeCloseTo(3, 10);
    expect(computeAgatston(s.volume, s.labels, { connectivity: 4 }).agatston.total).toBe(0);
  });
});

describe('computeAgatston: slice thickness', () => {
  function oneBlock(thickness: number, options?: AgatstonOptions) {
    const s = synthetic({ dims: [4, 4, 1], spacingMm: [0.5, 0.5, thickness] });
    s.rect(1, 1, 2, 2, 0, 400); // 1 mm² × 4 = 4 before normalisation
    return computeAgatston(s.volume, s.labels, options);
  }

  it('scales 2.5-mm slices by 2.5/3 by default and not with normalisation none', () => {
    expect(oneBlock(2.5).agatston.total).toBeCloseTo((4 * 2.5) / 3, 10); // 3.3333
    expect(oneBlock(2.5, { thicknessNormalisation: 'none' }).agatston.total).toBeCloseTo(4, 10);
    expect(oneBlock(2.5).qualityFlags).toEqual([]);
  });

  it('scales 5-mm slices by 5/3 and flags them as thick', () => {
    const r = oneBlock(5);
    expect(r.agatston.total).toBeCloseTo((4 * 5) / 3, 10); // 6.6667
    expect(r.qualityFlags).toContain('thick-slices');
    expect(oneBlock(5, { thicknessNormalisation: 'none' }).agatston.total).toBeCloseTo(4, 10);
  });

  it('leaves 3-mm slices unchanged', () => {
    expect(oneBlock(3).agatston.total).toBeCloseTo(4, 10);
  });

  // 3-mm slices every 1.5 mm; the same 1-mm², 400-HU block on two consecutive slices (2 × 4 = 8 unweighted).
  function overlapping(options?: AgatstonOptions) {
    const s = synthetic({ dims: [4, 4, 2], spacingMm: [0.5, 0.5, 1.5], thicknessMm: 3 });
    for (const z of [0, 1]) s.rect(1, 1, 2, 2, z, 400);
    return computeAgatston(s.volume, s.labels, options);
  }

  it('weights overlapping slices by their spacing, so tissue is counted once', () => {
    const r = overlapping();
    // Each slice stands for 1.5 mm: 8 × 1.5 / 3 = 4.
    expect(r.agatston.total).toBeCloseTo(4, 10);
    expect(r.qualityFlags).toContain('overlapping-slices');
    // Without thickness normalisation the overlap rule still removes the double count: 8 × 1.5 / 3 (spacing/thickness).
    expect(overlapping({ thicknessNormalisation: 'none' }).agatston.total).toBeCloseTo(4, 10);
    // overlapRule 'none' counts each slice at full thickness: 8 × 3 / 3 = 8.
    expect(overlapping({ overlapRule: 'none' }).agatston.total).toBeCloseTo(8, 10);
    // Volume uses the spacing either way: 8 voxels × 0.25 mm² × 1.5 mm = 3 mm³.
    expect(r.volumeMm3).toBeCloseTo(3, 10);
  });

  it('flags gaps between slices without correcting them', () => {
    const s = synthetic({ dims: [4, 4, 2], spacingMm: [0.5, 0.5, 3], thicknessMm: 1 });
    s.rect(1, 1, 2, 2, 0, 400);
    const r = computeAgatston(s.volume, s.labels);
    // 1-mm slice: 4 × 1 / 3.
    expect(r.agatston.total).toBeCloseTo(4 / 3, 10);
    expect(r.qualityFlags).toEqual(['slice-gaps']);
  });
});

describe('computeAgatston: labels and arteries', () => {
  it('credits a component to its majority coronary label', () => {
    const s = synthetic({ dims: [6, 6, 1] });
    s.rect(0, 0, 1, 2, 0, 300, CalciumLabel.LAD); // 2 × 3 block = 6 px = 1.5 mm², weight 3 → 4.5
    s.set(0, 2, 0, 300, CalciumLabel.LCX);
    s.set(1, 2, 0, 300, CalciumLabel.LCX); // 4 LAD, 2 LCX
    const r = computeAgatston(s.volume, s.labels);
    expect(r.agatston.byArtery).toEqual({ LM: 0, LAD: expect.closeTo(4.5, 10), LCX: 0, RCA: 0 });
    expect(r.agatston.total).toBeCloseTo(4.5, 10);
  });

  it('breaks a tie by artery order (LM first)', () => {
    const s = synthetic({ dims: [6, 6, 1] });
    s.rect(0, 0, 1, 0, 0, 400, CalciumLabel.RCA);
    s.rect(0, 1, 1, 1, 0, 400, CalciumLabel.LM); // 2 RCA + 2 LM, 1 mm² × 4 = 4
    expect(computeAgatston(s.volume, s.labels).agatston.byArtery.LM).toBeCloseTo(4, 10);
  });

  it('ignores calcium labelled background or other calcium, even when it touches coronary calcium', () => {
    const s = synthetic({ dims: [8, 8, 1] });
    s.rect(0, 0, 3, 3, 0, 600, CalciumLabel.OtherCalcium); // 4 mm² of aortic calcium
    s.rect(4, 0, 4, 2, 0, 600, CalciumLabel.RCA); // 3 coronary px (0.75 mm²) adjacent to it → below 1 mm²
    s.rect(6, 5, 7, 6, 0, 600, CalciumLabel.Background); // unlabelled
    const r = computeAgatston(s.volume, s.labels);
    expect(r.agatston.total).toBe(0);
    expect(r.lesions).toEqual([]);
    expect(r.cacDrs).toEqual({ category: '0', vessels: 0, label: 'CAC-DRS A0' });
  });
});

describe('computeAgatston: lesions and result', () => {
  it('groups components across adjacent slices of one artery into lesions', () => {
    const s = synthetic({ dims: [10, 10, 4], originMm: [10, 20, 30] });
    s.rect(1, 1, 2, 2, 0, 400, CalciumLabel.RCA);
    s.rect(1, 1, 2, 2, 1, 250, CalciumLabel.RCA); // same place, next slice → same lesion
    s.rect(1, 1, 2, 2, 2, 250, CalciumLabel.LCX); // next slice but another artery → own lesion
    s.rect(6, 6, 7, 7, 0, 180, CalciumLabel.LAD); // elsewhere
    s.rect(6, 6, 7, 7, 3, 180, CalciumLabel.LAD); // same place, not adjacent (slice 2 empty there) → own lesion
    const r = computeAgatston(s.volume, s.labels, { calibrationFactor: 0.001 });
    // RCA: 1 × 4 + 1 × 2 = 6; LCX: 1 × 2 = 2; LAD: 1 × 1 + 1 × 1 = 2.
    expect(r.agatston.byArtery).toEqual({
      LM: 0,
      LAD: expect.closeTo(2, 10),
      LCX: expect.closeTo(2, 10),
      RCA: expect.closeTo(6, 10),
    });
    expect(r.agatston.total).toBeCloseTo(10, 10);
    expect(r.lesions).toHaveLength(4);
    const rca = r.lesions[0];
    expect(rca.artery).toBe('RCA');
    expect(rca.agatston).toBeCloseTo(6, 10);
    // 8 voxels × 0.25 mm² × 3 mm = 6 mm³.
    expect(rca.volumeMm3).toBeCloseTo(6, 10);
    expect(rca.peakHu).toBe(400);
    // Mean voxel (1.5, 1.5, 0.5) → origin + (0.75, 0.75, 1.5) mm.
    expect(rca.centroidMm[0]).toBeCloseTo(10.75, 10);
    expect(rca.centroidMm[1]).toBeCloseTo(20.75, 10);
    expect(rca.centroidMm[2]).toBeCloseTo(31.5, 10);
    // Lesion scores add up to the total.
    expect(r.lesions.reduce((sum, l) => sum + l.agatston, 0)).toBeCloseTo(10, 10);
    // 20 voxels × 0.75 mm³ = 15 mm³; HU sum 4 × (400 + 250 + 250 + 180 + 180) = 5040 → 0.001 × 5040 × 0.75 = 3.78 mg.
    expect(r.volumeMm3).toBeCloseTo(15, 10);
    expect(r.massMg).toBeCloseTo(3.78, 10);
    expect(r.category).toBe('1-99');
    expect(r.classicClass).toBe('1-10');
    expect(r.cacDrs).toEqual({ category: '1', vessels: 3, label: 'CAC-DRS A1/N3' });
  });

  it('reports null mass without a calibration factor', () => {
    const s = synthetic({ dims: [4, 4, 1] });
    s.rect(1, 1, 2, 2, 0, 400);
    expect(computeAgatston(s.volume, s.labels).massMg).toBeNull();
  });
});

describe('computeAgatston: errors', () => {
  const s = synthetic({ dims: [4, 4, 1] });

  it('rejects a label map of the wrong size', () => {
    expect(() => computeAgatston(s.volume, new Uint8Array(3))).toThrow(
      expect.objectContaining({
        code: 'LABELS_MISMATCH',
        message: 'Label map has 3 entries but the volume has 16 voxels',
      }),
    );
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => computeAgatston(s.volume, s.labels, { connectivity: 6 as 4 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: 'connectivity must be 4 or 8, got 6' }),
    );
    expect(() => computeAgatston(s.volume, s.labels, { weightBoundsHu: [130, 300, 200, 400] })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => computeAgatston(s.volume, s.labels, { calibrationFactor: -1 })).toThrow(
      /calibrationFactor must be > 0/,
    );
  });

  it('rejects a volume whose buffer does not match its dims', () => {
    const broken = { ...s.volume, dims: [4, 4, 2] as [number, number, number] };
    expect(() => computeAgatston(broken, s.labels)).toThrow(expect.objectContaining({ code: 'INVALID_VOLUME' }));
  });
});
