import { parseRoiFile, parseRois } from './roi-schema';

describe('ROI file schema', () => {
  it('accepts spheres and boxes', () => {
    const rois = parseRois([
      { name: 'Large_HD', centerMm: [1, 2, 3], radiusMm: 4 },
      { name: 'rod', minMm: [0, 0, 0], maxMm: [1, 1, 1] },
    ]);
    expect(rois).toEqual([
      { name: 'Large_HD', centerMm: [1, 2, 3], radiusMm: 4 },
      { name: 'rod', minMm: [0, 0, 0], maxMm: [1, 1, 1] },
    ]);
  });

  it('lists every problem with its path', () => {
    expect(() =>
      parseRois([
        { name: 'a', centerMm: [1, 2], radiusMm: -1 },
        { name: 'b', minMm: [0, 0, 5], maxMm: [1, 1, 1] },
        { name: 'c' },
        { name: 'ok', centerMm: [0, 0, 0], radiusMm: 1 },
        { name: 'ok', centerMm: [0, 0, 0], radiusMm: 1 },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_ROI',
        issues: [
          '[0].centerMm: Array must contain at least 3 element(s)',
          '[0].radiusMm: radiusMm must be > 0',
          '[1].maxMm[2]: maxMm must be >= minMm on each axis',
          '[2]: expected a sphere { name, centerMm: [x, y, z], radiusMm } or a box { name, minMm, maxMm }',
          "[4].name: duplicate name 'ok'",
        ],
      }),
    );
  });

  it('rejects unknown keys, a non-list and broken JSON', () => {
    expect(() => parseRois([{ name: 'a', centerMm: [0, 0, 0], radiusMm: 1, radius: 2 }])).toThrow(/Unrecognized key/);
    expect(() => parseRois({ name: 'a' })).toThrow(
      'Invalid ROI list: (root): the ROI file must be a JSON list of regions',
    );
    expect(() => parseRoiFile('[{')).toThrow(
      expect.objectContaining({ code: 'INVALID_ROI', message: expect.stringMatching(/^ROI file is not valid JSON/) }),
    );
  });
});
