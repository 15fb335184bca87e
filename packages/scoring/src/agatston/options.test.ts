import { synthetic } from '../__tests__/helpers/synthetic-volume';
import { kvpWeightBounds } from './kvp-thresholds';
import { resolveRules } from './options';

describe('kvpWeightBounds (Gräni et al. 2018 table)', () => {
  it('returns tabulated rows exactly', () => {
    expect(kvpWeightBounds(70)).toEqual({ bounds: [207, 318, 477, 636], fit: 'exact' });
    expect(kvpWeightBounds(120)).toEqual({ bounds: [130, 199, 299, 399], fit: 'exact' });
    expect(kvpWeightBounds(135)).toEqual({ bounds: [119, 183, 274, 364], fit: 'exact' });
  });

  it('interpolates between rows', () => {
    // 110 kV, halfway between 100 (145/222/334/446) and 120 (130/199/299/399):
    // 137.5 → 138, 210.5 → 211, 316.5 → 317, 422.5 → 423 (Math.round rounds halves up).
    expect(kvpWeightBounds(110)).toEqual({ bounds: [138, 211, 317, 423], fit: 'interpolated' });
  });

  it('clamps outside 70–135 kV', () => {
    expect(kvpWeightBounds(140)).toEqual({ bounds: [119, 183, 274, 364], fit: 'clamped' });
    expect(kvpWeightBounds(60).fit).toBe('clamped');
  });
});

describe('resolveRules', () => {
  const volume = (kvp?: number) => synthetic({ dims: [2, 2, 1], kvp }).volume;

  it('defaults to classic 130 HU, 1 mm², 8-connectivity, scale-to-3mm', () => {
    const rules = resolveRules(volume(120));
    expect(rules).toMatchObject({
      thresholdHu: 130,
      weightBounds: [130, 200, 300, 400],
      minAreaMm2: 1,
      minPixels: 1,
      connectivity: 8,
      sliceFactor: 1,
      pixelAreaMm2: 0.25,
      voxelVolumeMm3: 0.75,
      calibrationFactor: null,
      flags: [],
    });
  });

  it('takes the threshold from the kVp row in kvp mode', () => {
    expect(resolveRules(volume(100), { thresholdMode: 'kvp' })).toMatchObject({ thresholdHu: 145, flags: [] });
    expect(resolveRules(volume(), { thresholdMode: 'kvp', kvp: 80 }).thresholdHu).toBe(177);
  });

  it('flags a missing, interpolated or out-of-table kVp and classic bounds at another kVp', () => {
    expect(resolveRules(volume(), { thresholdMode: 'kvp' })).toMatchObject({
      thresholdHu: 130,
      flags: ['kvp-unknown'],
    });
    expect(resolveRules(volume(110), { thresholdMode: 'kvp' }).flags).toEqual(['kvp-interpolated']);
    expect(resolveRules(volume(140), { thresholdMode: 'kvp' }).flags).toEqual(['kvp-out-of-range']);
    expect(resolveRules(volume(100)).flags).toEqual(['kvp-not-120']);
    expect(resolveRules(volume()).flags).toEqual([]);
  });
});
