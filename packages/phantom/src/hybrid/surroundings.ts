/**
 * What surrounds a candidate lesion position in the real background. Coronary arteries run in the epicardial fat of
 * the atrioventricular and interventricular grooves; a position whose surroundings are blood (inside a chamber or the
 * aorta), myocardium, or lung (beside the chest wall) is not a place a coronary calcification can be. Sampled on
 * spheres around the point, so the answer does not depend on the slice thickness more than the scan itself does.
 */
import type { Volume } from '@cacscreen/dicom';
import type { Vec3 } from '../vec';
import { patientToVoxel } from './render-lesion';

/** Fat in CT (HU): adipose tissue is -190 to -30. */
const FAT_HU: [number, number] = [-190, -30];
/** Below this (HU) a voxel is lung or air. */
const LUNG_HU = -400;
/** Sphere radii (mm) sampled: outside a coronary's wall (~2 mm), inside the groove it runs in. */
const RADII_MM = [3, 4.5, 6];

/** 26 unit directions: the faces, edges and corners of a cube. */
const DIRECTIONS: Vec3[] = [];
for (let x = -1; x <= 1; x++)
  for (let y = -1; y <= 1; y++)
    for (let z = -1; z <= 1; z++) {
      if (!x && !y && !z) continue;
      const n = Math.hypot(x, y, z);
      DIRECTIONS.push([x / n, y / n, z / n]);
    }

export interface Surroundings {
  /** Share of the sampled points that are fat. */
  fatShare: number;
  /** Share that are lung or air. */
  lungShare: number;
  /** Share that fall outside the volume (left out of the two shares above). */
  outsideShare: number;
}

export function surroundingsOf(volume: Volume, centreMm: Vec3): Surroundings {
  const [cols, rows, slices] = volume.dims;
  let fat = 0;
  let lung = 0;
  let inside = 0;
  let total = 0;
  for (const r of RADII_MM) {
    for (const d of DIRECTIONS) {
      total++;
      const v = patientToVoxel(volume, [centreMm[0] + r * d[0], centreMm[1] + r * d[1], centreMm[2] + r * d[2]]);
      const [x, y, z] = v.map(Math.round);
      if (x < 0 || y < 0 || z < 0 || x >= cols || y >= rows || z >= slices) continue;
      inside++;
      const hu = volume.hu[x + y * cols + z * cols * rows];
      if (hu >= FAT_HU[0] && hu <= FAT_HU[1]) fat++;
      else if (hu < LUNG_HU) lung++;
    }
  }
  return {
    fatShare: inside ? fat / inside : 0,
    lungShare: inside ? lung / inside : 0,
    outsideShare: 1 - inside / total,
  };
}
