import { NotAxialSeriesError } from '../errors';
import type { Vec3 } from '../parse/dicom-instance';
import { syntheticSlice } from '../__tests__/synthetic';
import { voxelToPatientMm } from '../volume';
import { buildVolume } from './build-volume';
import { orientationAxes } from './geometry';

type Iop = [number, number, number, number, number, number];
const rad = (deg: number) => (deg * Math.PI) / 180;

/** A known HU field in patient space: a smooth gradient plus a 400 HU ball of radius 6 mm at BALL. */
const BALL: Vec3 = [10, 12, 20];
function huAt(p: Vec3): number {
  const d = Math.hypot(p[0] - BALL[0], p[1] - BALL[1], p[2] - BALL[2]);
  return Math.round(2 * p[0] + 3 * p[1] + 1.5 * p[2] + (d < 6 ? 400 * (1 - (d / 6) ** 2) : 0));
}

/** Slices sampling huAt exactly where the header says each pixel is (row/column steps of 1 mm). */
function series(iop: Iop, position: (k: number) => Vec3, slices = 24, size = 24) {
  const { row, column } = orientationAxes(iop);
  return Array.from({ length: slices }, (_, k) => {
    const origin = position(k);
    const values: number[] = [];
    for (let j = 0; j < size; j++)
      for (let i = 0; i < size; i++)
        values.push(huAt([0, 1, 2].map((a) => origin[a] + i * row[a] + j * column[a]) as Vec3));
    return syntheticSlice({
      position: origin,
      orientation: iop,
      rows: size,
      columns: size,
      values,
      instanceNumber: k + 1,
      overrides: { pixelSpacing: [1, 1], sliceThickness: 2 },
    });
  });
}

/**
 * Compares every resampled voxel whose position lies inside the source grid (found independently: slab index along
 * the normal, then row/column offsets) and away from the ball with the field at its patient position.
 */
function compareWithField(built: ReturnType<typeof buildVolume>, iop: Iop, position: (k: number) => Vec3) {
  const { volume } = built;
  const { row, column, normal } = orientationAxes(iop);
  const p0 = position(0);
  const step = position(1).map((v, a) => v - p0[a]) as Vec3;
  const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const [nx, ny, nz] = volume.dims;
  let inside = 0;
  let worstGradient = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const p = voxelToPatientMm(volume, x, y, z);
        const d = p.map((v, a) => v - p0[a]);
        const k = dot(d, normal) / dot(step, normal);
        const inPlane = d.map((v, a) => v - k * step[a]);
        const [i, j] = [dot(inPlane, row), dot(inPlane, column)];
        if ([i, j, k].some((c) => c < 0 || c > 23)) continue;
        // The gradient is linear, so trilinear interpolation reproduces it; near the ball it is not.
        if (Math.hypot(p[0] - BALL[0], p[1] - BALL[1], p[2] - BALL[2]) < 9) continue;
        inside++;
        worstGradient = Math.max(worstGradient, Math.abs(volume.hu[x + nx * (y + ny * z)] - huAt(p)));
      }
  return { inside, worstGradient };
}

/** HU at the resampled voxel nearest a patient point. */
function sample(built: ReturnType<typeof buildVolume>, p: Vec3): number {
  const { volume } = built;
  const idx = [0, 1, 2].map((a) => Math.round((p[a] - volume.originMm[a]) / volume.spacingMm[a]));
  const [nx, ny] = volume.dims;
  return volume.hu[idx[0] + nx * (idx[1] + ny * idx[2])];
}

describe('non-axial and tilted series', () => {
  it('resamples a 20° gantry-tilted series onto an axial grid; HU at patient points matches the source', () => {
    const t = rad(20);
    const iop: Iop = [1, 0, 0, 0, Math.cos(t), -Math.sin(t)];
    // The table moves along z: slice centres progress along z, not along the tilted normal.
    const position = (k: number): Vec3 => [0, 0, 2 * k + 5];
    const built = buildVolume(series(iop, position));
    const { volume, warnings } = built;
    expect(volume.rowDirection).toEqual([1, 0, 0]);
    expect(volume.columnDirection).toEqual([0, 1, 0]);
    expect(volume.sliceDirection).toEqual([0, 0, 1]);
    expect(volume.spacingMm[0]).toBe(1);
    expect(volume.spacingMm[2]).toBeCloseTo(2 * Math.cos(t), 6);
    expect(warnings).toContainEqual(expect.stringMatching(/^Slice positions are sheared 20\.0° from the slice normal/));
    expect(warnings).toContainEqual(expect.stringMatching(/^Resampled \(trilinear\) onto an axial grid/));
    const { inside, worstGradient } = compareWithField(built, iop, position);
    expect(inside).toBeGreaterThan(24 * 24 * 24 * 0.5);
    expect(worstGradient).toBeLessThanOrEqual(1);
    // The ball's centre keeps (nearly) its peak: 400 HU over the gradient.
    expect(Math.abs(sample(built, BALL) - huAt(BALL))).toBeLessThan(25);
  });

  it('resamples rows rotated 12° in the image plane (and a small tilt of the plane itself)', () => {
    const r = rad(12);
    const t = rad(8);
    const row: Vec3 = [Math.cos(r), Math.sin(r), 0];
    const column: Vec3 = [-Math.sin(r) * Math.cos(t), Math.cos(r) * Math.cos(t), Math.sin(t)];
    const iop = [...row, ...column] as Iop;
    const normal = orientationAxes(iop).normal;
    const position = (k: number): Vec3 => [2 + 2 * k * normal[0], -3 + 2 * k * normal[1], 4 + 2 * k * normal[2]];
    const built = buildVolume(series(iop, position));
    expect(built.volume.rowDirection).toEqual([1, 0, 0]);
    const { inside, worstGradient } = compareWithField(built, iop, position);
    expect(inside).toBeGreaterThan(24 * 24 * 24 * 0.5);
    expect(worstGradient).toBeLessThanOrEqual(1);
    expect(Math.abs(sample(built, BALL) - huAt(BALL))).toBeLessThan(25);
  });

  it('keeps an axis-aligned series (head- or feet-first) as it is: no resampling, no interpolation', () => {
    const head = buildVolume(series([1, 0, 0, 0, 1, 0], (k) => [0, 0, 2 * k]));
    const feet = buildVolume(series([-1, 0, 0, 0, 1, 0], (k) => [23, 0, 2 * k]));
    const noisy = buildVolume(series([1, 0, 1e-6, 0, 1, -1e-6], (k) => [0, 0, 2 * k]));
    for (const built of [head, feet, noisy]) {
      expect(built.volume.dims).toEqual([24, 24, 24]);
      expect(built.warnings.filter((w) => /Resampled/.test(w))).toEqual([]);
    }
    expect(feet.volume.rowDirection).toEqual([-1, 0, 0]);
  });

  it.each<[string, Iop]>([
    ['sagittal', [0, 1, 0, 0, 0, -1]],
    ['coronal', [1, 0, 0, 0, 0, -1]],
    ['oblique', [1, 0, 0, 0, Math.cos(rad(40)), -Math.sin(rad(40))]],
  ])('rejects a %s reconstruction with NOT_AXIAL before decoding', (plane, iop) => {
    const slices = series(iop, (k) => orientationAxes(iop).normal.map((v) => v * k) as Vec3, 3, 2);
    expect(() => buildVolume(slices)).toThrow(NotAxialSeriesError);
    expect(() => buildVolume(slices)).toThrow(new RegExp(`^not an axial series \\(${plane} reconstruction\\)`));
    try {
      buildVolume(slices);
    } catch (error) {
      expect(error).toMatchObject({ code: 'NOT_AXIAL', plane });
    }
  });
});
