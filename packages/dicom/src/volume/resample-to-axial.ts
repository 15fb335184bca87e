import type { Vec3 } from '../parse/dicom-instance';
import { InvalidValueError } from '../errors';
import type { Volume } from '../volume';
import { type GridAffine, inverseAxes } from './grid-affine';

/** The resampled grid may grow (a rotated box is bounded by a larger axial one), but not without limit. */
const MAX_GROWTH = 4;
const MIN_VOXEL_CAP = 1 << 26;

const clampToInt16 = (v: number) => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);

/**
 * Resamples a volume whose voxel grid is tilted, sheared or rotated (described exactly by `affine`) onto an
 * axis-aligned LPS grid (+x, +y, +z) covering the bounding box of its voxel centres: in-plane spacing the finer of
 * the two pixel spacings, slice spacing the distance between the source's slice planes. Trilinear interpolation;
 * points more than half a voxel outside the source become `paddingHu`. Each output row is walked with a constant
 * step in source coordinates, so the cost is eight reads and a few multiplies per voxel.
 */
export function resampleToAxial(source: Volume, affine: GridAffine, paddingHu: number): Volume {
  const [nx, ny, nz] = affine.dims;
  const inPlane = Math.min(source.spacingMm[0], source.spacingMm[1]);
  const spacing: Vec3 = [inPlane, inPlane, source.spacingMm[2]];
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const i of [0, nx - 1])
    for (const j of [0, ny - 1])
      for (const k of [0, nz - 1])
        for (let a = 0; a < 3; a++) {
          const p = affine.origin[a] + i * affine.axes[0][a] + j * affine.axes[1][a] + k * affine.axes[2][a];
          lo[a] = Math.min(lo[a], p);
          hi[a] = Math.max(hi[a], p);
        }
  const dims = [0, 1, 2].map((a) => Math.ceil((hi[a] - lo[a]) / spacing[a] - 1e-6) + 1) as [number, number, number];
  const voxels = dims[0] * dims[1] * dims[2];
  if (voxels > Math.max(MAX_GROWTH * source.hu.length, MIN_VOXEL_CAP)) {
    throw new InvalidValueError(
      `Resampling this tilted series onto an axial grid would need ${dims.join('×')} voxels ` +
        `(more than ${MAX_GROWTH}× the ${source.dims.join('×')} source): the geometry is implausible`,
    );
  }
  const inv = inverseAxes(affine.axes);
  // Source coordinates (i, j, k) of output voxel (0, 0, 0) and their change per output step along x, y, z.
  const toSource = (offset: Vec3) => inv.map((r) => r[0] * offset[0] + r[1] * offset[1] + r[2] * offset[2]);
  const u0 = toSource([lo[0] - affine.origin[0], lo[1] - affine.origin[1], lo[2] - affine.origin[2]]);
  const du = [0, 1, 2].map((a) =>
    toSource(a === 0 ? [spacing[0], 0, 0] : a === 1 ? [0, spacing[1], 0] : [0, 0, spacing[2]]),
  );
  const src = source.hu;
  const plane = nx * ny;
  const out = new Int16Array(voxels);
  let o = 0;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      let i = u0[0] + y * du[1][0] + z * du[2][0];
      let j = u0[1] + y * du[1][1] + z * du[2][1];
      let k = u0[2] + y * du[1][2] + z * du[2][2];
      for (let x = 0; x < dims[0]; x++, o++, i += du[0][0], j += du[0][1], k += du[0][2]) {
        if (i < -0.5 || j < -0.5 || k < -0.5 || i > nx - 0.5 || j > ny - 0.5 || k > nz - 0.5) {
          out[o] = paddingHu;
          continue;
        }
        // Within half a voxel of the edge: hold the edge value.
        const ci = i < 0 ? 0 : i > nx - 1 ? nx - 1 : i;
        const cj = j < 0 ? 0 : j > ny - 1 ? ny - 1 : j;
        const ck = k < 0 ? 0 : k > nz - 1 ? nz - 1 : k;
        const i0 = Math.min(Math.floor(ci), nx - 1);
        const j0 = Math.min(Math.floor(cj), ny - 1);
        const k0 = Math.min(Math.floor(ck), nz - 1);
        const fi = ci - i0;
        const fj = cj - j0;
        const fk = ck - k0;
        const di = i0 < nx - 1 ? 1 : 0;
        const dj = j0 < ny - 1 ? nx : 0;
        const dk = k0 < nz - 1 ? plane : 0;
        const b = k0 * plane + j0 * nx + i0;
        const c00 = src[b] + fi * (src[b + di] - src[b]);
        const c10 = src[b + dj] + fi * (src[b + dj + di] - src[b + dj]);
        const c01 = src[b + dk] + fi * (src[b + dk + di] - src[b + dk]);
        const c11 = src[b + dk + dj] + fi * (src[b + dk + dj + di] - src[b + dk + dj]);
        const c0 = c00 + fj * (c10 - c00);
        const c1 = c01 + fj * (c11 - c01);
        out[o] = clampToInt16(Math.round(c0 + fk * (c1 - c0)));
      }
    }
  }
  const volume: Volume = {
    hu: out,
    dims,
    spacingMm: spacing,
    sliceThicknessMm: source.sliceThicknessMm,
    originMm: lo,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
  };
  if (source.kvp !== undefined) volume.kvp = source.kvp;
  return volume;
}
