import { calibrationFactorFromInsert } from './calibration-factor';
import { massMg } from './mass';

describe('calibrationFactorFromInsert', () => {
  it('divides the density in mg/mm³ by the mean HU', () => {
    // 200 mgHA/cm³ = 0.2 mg/mm³; 0.2 / 250 HU = 0.0008 mg/(HU·mm³).
    expect(calibrationFactorFromInsert(250, 200)).toBeCloseTo(0.0008, 12);
    // CalciumScoring.jl's test factor 0.00075 corresponds to e.g. 300 mgHA/cm³ reading 400 HU: 0.3 / 400.
    expect(calibrationFactorFromInsert(400, 300)).toBeCloseTo(0.00075, 12);
  });

  it('rejects non-positive readings and densities', () => {
    expect(() => calibrationFactorFromInsert(0, 200)).toThrow(
      expect.objectContaining({
        code: 'INVALID_CALIBRATION',
        message: 'Insert mean HU must be positive to calibrate mass, got 0',
      }),
    );
    expect(() => calibrationFactorFromInsert(250, -5)).toThrow(
      expect.objectContaining({ code: 'INVALID_CALIBRATION' }),
    );
  });
});

describe('massMg', () => {
  it('is factor × HU sum × voxel volume, or null without a factor', () => {
    // 0.001 × 1000 HU × 0.5 mm³ = 0.5 mg.
    expect(massMg(1000, 0.5, 0.001)).toBeCloseTo(0.5, 12);
    expect(massMg(1000, 0.5, null)).toBeNull();
  });
});
