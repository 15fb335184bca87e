/**
 * A small hand-built thorax for the anatomy labeller's tests: body, two lungs, a heart (blood and myocardium alike,
 * 40 HU) wrapped in 6 mm of epicardial fat, a spine, and calcium placed where a test wants it. 1 × 1 × 3 mm voxels,
 * LPS axes, heart centre at (10, −5, 0).
 */
import type { Volume } from '@cacscreen/dicom';

export const TOY_HEART_CENTRE: [number, number, number] = [10, -5, 0];
const HEART_RADII = [45, 40, 50];

export interface ToyThorax {
  volume: Volume;
  /** Writes a box of calcium (HU) centred on a patient point, `size` voxels along x, y, z. */
  addCalcium(centreMm: [number, number, number], hu: number, size?: [number, number, number]): void;
}

export function toyThorax(): ToyThorax {
  const dims: [number, number, number] = [200, 180, 40];
  const spacing: [number, number, number] = [1, 1, 3];
  const origin: [number, number, number] = [-100, -90, -58.5];
  const hu = new Int16Array(dims[0] * dims[1] * dims[2]);
  const [cx, cy, cz] = TOY_HEART_CENTRE;
  for (let z = 0; z < dims[2]; z++) {
    const pz = origin[2] + z * spacing[2];
    for (let y = 0; y < dims[1]; y++) {
      const py = origin[1] + y;
      for (let x = 0; x < dims[0]; x++) {
        const px = origin[0] + x;
        let v = -1000;
        if ((px / 95) ** 2 + (py / 80) ** 2 <= 1) v = 40; // body wall and mediastinum
        if (((px + 50) / 38) ** 2 + (py / 60) ** 2 <= 1 || ((px - 58) / 36) ** 2 + (py / 60) ** 2 <= 1) v = -850;
        const r = Math.sqrt(
          ((px - cx) / HEART_RADII[0]) ** 2 + ((py - cy) / HEART_RADII[1]) ** 2 + ((pz - cz) / HEART_RADII[2]) ** 2,
        );
        if (r <= 1 + 6 / 42) v = -100; // epicardial fat, about 6 mm (as in the grooves)
        if (r <= 1) v = 40;
        if ((px / 15) ** 2 + ((py - 55) / 15) ** 2 <= 1) v = 600; // vertebral body
        hu[x + y * dims[0] + z * dims[0] * dims[1]] = v;
      }
    }
  }
  const volume: Volume = {
    hu,
    dims,
    spacingMm: spacing,
    sliceThicknessMm: 3,
    originMm: origin,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
    kvp: 120,
  };
  return {
    volume,
    addCalcium(centreMm, value, size = [3, 3, 1]) {
      const c = centreMm.map((p, a) => Math.round((p - origin[a]) / spacing[a]));
      for (let dz = 0; dz < size[2]; dz++)
        for (let dy = 0; dy < size[1]; dy++)
          for (let dx = 0; dx < size[0]; dx++) {
            const x = c[0] + dx - (size[0] >> 1);
            const y = c[1] + dy - (size[1] >> 1);
            const z = c[2] + dz - (size[2] >> 1);
            hu[x + y * dims[0] + z * dims[0] * dims[1]] = value;
          }
    },
  };
}
