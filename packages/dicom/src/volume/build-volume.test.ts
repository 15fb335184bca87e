import { InconsistentSeriesError, NotAxialSeriesError, SliceGapError } from '../errors';
import { syntheticSlice } from '../__tests__/synthetic';
import { voxelToPatientMm } from '../volume';
import { buildVolume } from './build-volume';

/** Slices at z = 0, 1, 2, … whose pixels all equal their instance number. */
function series(zs: number[], numbers = zs.map((_, i) => i + 1)) {
  return zs.map((z, i) => syntheticSlice({ z, instanceNumber: numbers[i] }));
}

describe('buildVolume', () => {
  it('orders slices by position along the normal, not by InstanceNumber', () => {
    // InstanceNumber decreases as z rises (as on the Canon phantom scan); files arrive shuffled.
    const slices = series([2, 0, 1], [1, 3, 2]);
    const { volume, warnings } = buildVolume(slices);
    expect(volume.dims).toEqual([2, 2, 3]);
    expect(Array.from(volume.hu.filter((_, i) => i % 4 === 0))).toEqual([3, 2, 1]);
    expect(volume.originMm).toEqual([0, 0, 0]);
    expect(volume.spacingMm).toEqual([0.7, 0.5, 1]);
    expect(volume.sliceDirection).toEqual([0, 0, 1]);
    expect(voxelToPatientMm(volume, 1, 1, 2)).toEqual([0.7, 0.5, 2]);
    expect(warnings).toEqual([]);
  });

  it('sorts along the normal for feet-first orientation too (normal pointing down)', () => {
    const flipped: [number, number, number, number, number, number] = [-1, 0, 0, 0, 1, 0]; // normal (0,0,-1)
    const slices = [0, 1, 2].map((z) => syntheticSlice({ z, instanceNumber: z + 1, orientation: flipped }));
    const { volume } = buildVolume(slices);
    expect(volume.sliceDirection).toEqual([0, 0, -1]);
    expect(volume.originMm[2]).toBe(2);
    expect(volume.hu[0]).toBe(3);
  });

  it('applies rescale slope and intercept, rounding to whole HU', () => {
    const slice = syntheticSlice({
      z: 0,
      values: [0, 2, 1000, 2000],
      overrides: { rescaleSlope: 0.5, rescaleIntercept: -1024 },
    });
    expect(Array.from(buildVolume([slice]).volume.hu)).toEqual([-1024, -1023, -524, -24]);
  });

  it('sign-extends BitsStored < BitsAllocated before rescaling', () => {
    // 12-bit signed: 0x0FFF is -1 once sign-extended from bit 11.
    const slice = syntheticSlice({ z: 0, values: [0x0fff, 0x0800, 0x07ff, 0], overrides: { bitsStored: 12 } });
    expect(Array.from(buildVolume([slice]).volume.hu)).toEqual([-1, -2048, 2047, 0]);
  });

  it('maps PixelPaddingValue to air (-1024) by default, or to a chosen value', () => {
    const slice = syntheticSlice({
      z: 0,
      values: [-2000, 40, -2000, 0],
      overrides: { pixelPaddingValue: -2000, rescaleIntercept: 0 },
    });
    expect(Array.from(buildVolume([slice]).volume.hu)).toEqual([-1024, 40, -1024, 0]);
    expect(Array.from(buildVolume([slice], { paddingHu: -3000 }).volume.hu)).toEqual([-3000, 40, -3000, 0]);
  });

  it('uses the Modality LUT when there is no rescale', () => {
    const slice = syntheticSlice({
      z: 0,
      values: [0, 1, 2, 9],
      overrides: {
        rescaleSlope: undefined,
        rescaleIntercept: undefined,
        modalityLut: { entries: 3, firstStoredValue: 0, bitsPerEntry: 16, data: [5, 6, 7] },
      },
    });
    expect(Array.from(buildVolume([slice]).volume.hu)).toEqual([5, 6, 7, 7]);
  });

  it('drops a duplicate position with a warning', () => {
    const slices = [...series([0, 1, 2]), syntheticSlice({ z: 1, instanceNumber: 9 })];
    const { volume, warnings } = buildVolume(slices);
    expect(volume.dims[2]).toBe(3);
    expect(warnings).toEqual(['Dropped instance 9: same position (1.00 mm along the normal) as instance 2']);
  });

  it('rejects missing slices: a gap over 1.5x the median spacing', () => {
    const slices = series([0, 1, 2, 3, 5, 6]);
    expect(() => buildVolume(slices)).toThrow(SliceGapError);
    expect(() => buildVolume(slices)).toThrow(
      'Missing slices: a 2.00 mm gap between 3.00 and 5.00 mm is more than 1.5x the median spacing 1.00 mm',
    );
    expect(() => buildVolume(slices, { maxGapFactor: 2.5 })).not.toThrow();
  });

  it('reports uneven spacing below the gap threshold', () => {
    const { warnings, volume } = buildVolume(series([0, 1, 2, 3.3, 4.3]));
    expect(warnings[0]).toMatch(/^Uneven slice spacing: 1 of 4 gaps differ from the median 1.00 mm/);
    expect(volume.spacingMm[2]).toBeCloseTo(4.3 / 4);
  });

  it('reports gantry tilt from the header and from sheared positions', () => {
    const slices = [0, 1, 2].map((z) =>
      syntheticSlice({ position: [0, z * 0.3, z], instanceNumber: z + 1, overrides: { gantryDetectorTilt: 15 } }),
    );
    const { warnings } = buildVolume(slices);
    expect(warnings).toContain('Gantry/detector tilt 15° (0018,1120): slices are not perpendicular to the table axis');
    expect(warnings.some((w) => /sheared 16.7° from the slice normal/.test(w))).toBe(true);
  });

  it('rejects a coronal series with a typed reason, or keeps it on request (grid: native)', () => {
    const coronal: [number, number, number, number, number, number] = [1, 0, 0, 0, 0, -1];
    const slices = [0, 1].map((y) =>
      syntheticSlice({ position: [0, y, 0], instanceNumber: y + 1, orientation: coronal }),
    );
    expect(() => buildVolume(slices)).toThrow(NotAxialSeriesError);
    expect(() => buildVolume(slices)).toThrow(/^not an axial series \(coronal reconstruction\)/);
    expect(buildVolume(slices, { grid: 'native' }).warnings).toContain(
      'Orientation is not axial: the slice normal is 90° from the head-foot axis',
    );
  });

  it('rejects slices of different sizes', () => {
    // Distinct instance numbers give distinct SOPInstanceUIDs (one UID with other pixels is DUPLICATE_INSTANCE).
    const slices = [
      syntheticSlice({ z: 0, instanceNumber: 1 }),
      syntheticSlice({ z: 1, instanceNumber: 2, rows: 3, columns: 2 }),
    ];
    expect(() => buildVolume(slices)).toThrow(InconsistentSeriesError);
  });

  it('builds an Enhanced CT multi-frame volume from per-frame functional groups', () => {
    const base = syntheticSlice({ values: [1, 1, 1, 1, 2, 2, 2, 2] });
    const multi = {
      ...base,
      numberOfFrames: 2,
      imagePositionPatient: undefined,
      frames: [
        { imagePositionPatient: [0, 0, 5] as [number, number, number], rescaleIntercept: 0 },
        { imagePositionPatient: [0, 0, 4] as [number, number, number], rescaleIntercept: 100 },
      ],
    };
    const { volume } = buildVolume([multi]);
    expect(volume.dims).toEqual([2, 2, 2]);
    expect(volume.originMm).toEqual([0, 0, 4]);
    expect(Array.from(volume.hu)).toEqual([102, 102, 102, 102, 1, 1, 1, 1]);
  });
});
