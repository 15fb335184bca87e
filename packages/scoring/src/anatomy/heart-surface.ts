/** Distance from any patient point to the surface of the located heart (the coronary zone is defined by it). */
import { cellToPatient } from './coarse-grid';
import { signedDistance } from './distance-field';
import type { Vec3 } from './heart-frame';
import type { HeartLocation } from './locate-heart';

/** Signed distance (mm, > 0 outside the heart) at a patient point; Infinity outside the scanned volume. */
export type SurfaceDistance = (pointMm: Vec3) => number;

/** Looks up a coarse-grid field (one value per cell of the heart's grid) at the cell nearest a patient point. */
export function coarseFieldAt(heart: HeartLocation, field: Float32Array): SurfaceDistance {
  const { grid } = heart;
  const [gx, gy, gz] = grid.dims;
  const origin = cellToPatient(grid, 0, 0, 0);
  const step = [
    cellToPatient(grid, 1, 0, 0)[0] - origin[0] || 1,
    cellToPatient(grid, 0, 1, 0)[1] - origin[1] || 1,
    gz > 1 ? cellToPatient(grid, 0, 0, 1)[2] - origin[2] : 1,
  ];
  return (p) => {
    const x = Math.round((p[0] - origin[0]) / step[0]);
    const y = Math.round((p[1] - origin[1]) / step[1]);
    const z = Math.round((p[2] - origin[2]) / step[2]);
    if (x < 0 || y < 0 || z < 0 || x >= gx || y >= gy || z >= gz) return Infinity;
    return field[x + y * gx + z * gx * gy];
  };
}

export function heartSurfaceDistance(heart: HeartLocation): SurfaceDistance {
  return coarseFieldAt(heart, signedDistance(heart.mask, heart.grid.dims, heart.grid.spacingMm));
}
