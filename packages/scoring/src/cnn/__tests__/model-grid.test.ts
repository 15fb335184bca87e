import type { Volume } from '@cacscreen/dicom';
import { boxAround, cellFeatures, cellLabels, gridMaps, nativeLabels } from '../model-grid';
import { windows, windowStarts } from '../sliding-window';

function volume(dims: [number, number, number], spacingMm: [number, number, number], fill = 0): Volume {
  return {
    hu: new Int16Array(dims[0] * dims[1] * dims[2]).fill(fill),
    dims,
    spacingMm,
    sliceThicknessMm: spacingMm[2],
    originMm: [0, 0, 0],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  };
}

describe('model grid', () => {
  it('gathers every native voxel into exactly one cell when the native grid is finer', () => {
    // 0.5 mm voxels, 2 mm cells: 4 × 4 × 4 native voxels per cell.
    const v = volume([16, 16, 16], [0.5, 0.5, 0.5]);
    const box = boxAround([3.75, 3.75, 3.75], [2, 2, 2], [4, 4, 4]);
    const maps = gridMaps(v, box);
    expect(Array.from(maps[0].cellOf)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    v.hu[5 + 16 * 6 + 256 * 7] = 400; // native (5, 6, 7) → cell (1, 1, 1)
    const f = cellFeatures(v, box, maps, 130);
    const cell = 1 + 4 * 1 + 16 * 1;
    expect(f.maxHu[cell]).toBe(400);
    expect(f.meanHu[cell]).toBeCloseTo(400 / 64, 5);
    expect(f.calciumPermille[cell]).toBeCloseTo(1000 / 64, 5);
    expect(f.maxHu[0]).toBe(0);
  });

  it('uses the nearest slice for cells between thick slices, and pads outside the scan with air', () => {
    // 5 mm slices at z = 0, 5, 10; cells of 2 mm centred at z = -4 … 14.
    const v = volume([4, 4, 3], [2, 2, 5]);
    v.hu.fill(100, 16, 32); // slice 1 (z = 5 mm)
    const box = boxAround([3, 3, 5], [2, 2, 2], [2, 2, 10]);
    const maps = gridMaps(v, box);
    const zLo = Array.from(maps[2].lo);
    // cell k is centred at z = -4 + 2k: cell 0 (z = -4) lies beyond the first slice's reach (±2.5 mm), cell 1 does not.
    expect(zLo.slice(0, 3)).toEqual([-1, 0, 0]);
    expect(zLo[4]).toBe(1); // z = 4 → slice at 5 mm
    const f = cellFeatures(v, box, maps, 130);
    expect(f.meanHu[0]).toBe(-1000);
    expect(f.meanHu[4 * 4]).toBe(100);
  });

  it('handles flipped axes (rows running towards the patient right)', () => {
    const v = volume([8, 8, 4], [1, 1, 2]);
    v.rowDirection = [-1, 0, 0];
    v.originMm = [7, 0, 0]; // column 0 at x = 7 mm, column 7 at x = 0
    const box = boxAround([1.5, 3.5, 3], [4, 4, 2], [2, 2, 2]);
    const maps = gridMaps(v, box);
    // cells cover x in [-2.5, 1.5) and [1.5, 5.5); column n sits at x = 7 - n.
    expect(Array.from(maps[0].cellOf)).toEqual([-1, -1, 1, 1, 1, 1, 0, 0]);
  });

  it('maps ground truth to cells by majority and cell labels back to native calcium voxels', () => {
    const v = volume([4, 4, 2], [1, 1, 1]);
    const labels = new Uint8Array(32);
    v.hu[0] = 300;
    v.hu[1] = 300;
    v.hu[5] = 120; // below the threshold: never labelled
    labels[0] = 2;
    labels[1] = 2;
    labels[4] = 5;
    const box = boxAround([1.5, 1.5, 0.5], [2, 2, 2], [2, 2, 1]); // cell (0, 0, 0) holds x, y, z in {0, 1}
    const maps = gridMaps(v, box);
    const cells = cellLabels(v, labels, box, maps);
    expect(cells[0]).toBe(2);
    const back = nativeLabels(v, box, maps, new Uint8Array([3, 0, 0, 0]), 130);
    expect(back[0]).toBe(3);
    expect(back[1]).toBe(3);
    expect(back[5]).toBe(0);
  });

  it('rejects a non-axial series with a clear error', () => {
    const v = volume([4, 4, 4], [1, 1, 1]);
    v.rowDirection = [0, 1, 0];
    v.columnDirection = [1, 0, 0];
    expect(() => gridMaps(v, boxAround([0, 0, 0], [2, 2, 2], [2, 2, 2]))).toThrow(/axial/);
  });
});

describe('sliding windows', () => {
  it('covers the grid with the last window flush with the end', () => {
    expect(windowStarts(72, 40, 8)).toEqual([0, 32]);
    expect(windowStarts(80, 80, 0)).toEqual([0]);
    expect(windowStarts(100, 40, 10)).toEqual([0, 30, 60]);
    expect(windows([80, 80, 72], [80, 80, 40], [0, 0, 8])).toEqual([
      [0, 0, 0],
      [0, 0, 32],
    ]);
  });
});
