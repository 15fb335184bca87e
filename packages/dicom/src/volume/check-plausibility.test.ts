import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DicomError } from '../errors';
import { writeSeries } from '../__tests__/write-dicom';
import { readSeriesVolume } from './read-series-volume';

type Extra = Parameters<typeof writeSeries>[0]['extra'];
const SLOPE = 0x00281053;
const INTERCEPT = 0x00281052;
const SPACING = 0x00280030;
const THICKNESS = 0x00180050;
const BITS_ALLOCATED = 0x00280100;
const BITS_STORED = 0x00280101;
const HIGH_BIT = 0x00280102;
const PIXEL_REPRESENTATION = 0x00280103;

async function outcome(extra: Extra, slices = 4): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plausible-'));
  try {
    const { volume, warnings } = await readSeriesVolume(writeSeries({ dir, slices, extra }));
    return `built ${volume.dims.join('x')} thickness ${volume.sliceThicknessMm}${warnings.length ? `; ${warnings.join('; ')}` : ''}`;
  } catch (error) {
    if (!(error instanceof DicomError)) throw error;
    return `${error.code}: ${error.message.replace(/^\S+: /, '')}`;
  }
}

describe('implausible values are refused before any pixel is decoded', () => {
  it.each<[string, Extra, RegExp]>([
    ['slope 0', [[SLOPE, 'DS', 0]], /^IMPLAUSIBLE_VALUE: RescaleSlope 0 in instance 1 is not a CT scale/],
    ['slope −1', [[SLOPE, 'DS', -1]], /^IMPLAUSIBLE_VALUE: RescaleSlope -1 /],
    ['slope 1e30', [[SLOPE, 'DS', '1e30']], /^IMPLAUSIBLE_VALUE: RescaleSlope 1e\+30 /],
    ['intercept 1e30', [[INTERCEPT, 'DS', '1e30']], /^IMPLAUSIBLE_VALUE: RescaleIntercept 1e\+30 /],
    // Signed 16-bit + (−30,000) still spans −62,768…2,767 HU, so the header passes; the decoded values do not.
    [
      'intercept −30,000 (every voxel far below air)',
      [[INTERCEPT, 'DS', -30000]],
      /^IMPLAUSIBLE_VALUE: Only 0.0 % of voxels lie between -1100 and 3100 HU and 0.0 % between -200 and 300 HU/,
    ],
    [
      'intercept NaN',
      [[INTERCEPT, 'DS', 'NaN']],
      /^IMPLAUSIBLE_VALUE: RescaleIntercept \(0028,1052\) is "NaN", not a number in instance 1: the HU scale is unknown/,
    ],
    // 16-bit signed × 1e-6 spans −0.03…0.03 HU: worked by hand, no air and no bone.
    ['slope 1e-6', [[SLOPE, 'DS', '0.000001']], /cannot hold both air and bone/],
    [
      'pixel spacing 0',
      [[SPACING, 'DS', '0\\0']],
      /^IMPLAUSIBLE_VALUE: PixelSpacing 0\\0 mm in instance 1 is outside 0.1–5 mm/,
    ],
    ['pixel spacing −0.7', [[SPACING, 'DS', '-0.7\\-0.7']], /PixelSpacing -0.7\\-0.7 mm/],
    ['pixel spacing 1e30', [[SPACING, 'DS', '1e30\\1e30']], /PixelSpacing 1e\+30/],
    ['pixel spacing 1e-30', [[SPACING, 'DS', '1e-30\\1e-30']], /PixelSpacing 1e-30/],
    [
      'BitsAllocated 1',
      [
        [BITS_ALLOCATED, 'US', 1],
        [BITS_STORED, 'US', 1],
        [HIGH_BIT, 'US', 0],
      ],
      /^IMPLAUSIBLE_VALUE: BitsAllocated 1 in instance 1: a bitmap/,
    ],
  ])('%s', async (_name, extra, expected) => {
    expect(await outcome(extra)).toMatch(expected);
  });

  it('a PixelRepresentation that differs between slices is INCONSISTENT_SERIES naming both instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plausible-'));
    const files = writeSeries({ dir, slices: 3 });
    // Rewrite all three unsigned, then the first two signed again: only instance 3 stays unsigned.
    writeSeries({ dir, slices: 3, extra: [[PIXEL_REPRESENTATION, 'US', 0]] });
    writeSeries({ dir, slices: 2 });
    await expect(readSeriesVolume(files)).rejects.toThrow(
      /PixelRepresentation is 0 in instance 3 but 1 in instance 1: not one series/,
    );
  });

  it('a negative SliceThickness is replaced by the slice spacing, with a warning', async () => {
    expect(await outcome([[THICKNESS, 'DS', -3]])).toBe(
      'built 8x8x4 thickness 3; SliceThickness -3 mm is outside 0–20 mm; the slice spacing 3.00 mm is used instead',
    );
  });

  it('a negative SliceThickness on a single slice (no spacing to fall back on) is refused', async () => {
    expect(await outcome([[THICKNESS, 'DS', -3]], 1)).toBe(
      'IMPLAUSIBLE_VALUE: SliceThickness -3 mm is outside 0–20 mm',
    );
  });

  it('the control series builds without warnings', async () => {
    expect(await outcome([])).toBe('built 8x8x4 thickness 3');
  });
});

describe('a frame that takes too long to decode', () => {
  it('stops the series with RESOURCE_BUDGET, naming the frame and the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slow-frame-'));
    // Any real decode takes longer than a nanosecond: the limit is what is under test, not the codec's speed.
    const error = await readSeriesVolume(writeSeries({ dir, slices: 3 }), { limits: { maxFrameDecodeMs: 1e-6 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DicomError);
    expect(error).toMatchObject({
      code: 'RESOURCE_BUDGET',
      message: expect.stringMatching(/frame 1 took \d+ ms to decode .* \(CACSCREEN_MAX_FRAME_DECODE_MS\)/),
    });
  });
});
