/**
 * A gated-protocol look-alike from a real chest CT: the heart region reconstructed again as a calcium-score series
 * would be — a 512² image over a small field of view (default 200 mm, 0.39 mm pixels) centred on the heart, only the
 * heart's slices and 20 mm around them, padding outside the reconstruction circle, the body and lungs cut at the
 * edges. In-plane values are interpolated (bilinear) from the real pixels, so anatomy and noise stay real (the noise
 * is smoother than a true small-FOV reconstruction's).
 */
import type { Volume } from '@cacscreen/dicom';

const PADDING = -2048;

export function cardiacFieldOfView(
  volume: Volume,
  centreMm: [number, number, number],
  zRangeMm: [number, number],
  fovMm = 200,
  size = 512,
): Volume {
  const [cols, rows, slices] = volume.dims;
  const [sx, sy, sz] = volume.spacingMm;
  const pixel = fovMm / size;
  // Native slice indices within the heart's z range ± 20 mm (axial series: z along the slice direction).
  const zOf = (k: number) => volume.originMm[2] + k * sz * volume.sliceDirection[2];
  const keep: number[] = [];
  for (let k = 0; k < slices; k++) {
    const z = zOf(k);
    if (z >= zRangeMm[0] - 20 && z <= zRangeMm[1] + 20) keep.push(k);
  }
  const hu = new Int16Array(size * size * keep.length);
  const x0 = centreMm[0] - fovMm / 2 + pixel / 2;
  const y0 = centreMm[1] - fovMm / 2 + pixel / 2;
  const rx = volume.rowDirection[0];
  const cy = volume.columnDirection[1];
  keep.forEach((k, out) => {
    for (let j = 0; j < size; j++) {
      for (let i = 0; i < size; i++) {
        const px = x0 + i * pixel;
        const py = y0 + j * pixel;
        const o = j * size + i + out * size * size;
        if (Math.hypot(px - centreMm[0], py - centreMm[1]) > fovMm / 2) {
          hu[o] = PADDING;
          continue;
        }
        const fx = (px - volume.originMm[0]) / (sx * rx);
        const fy = (py - volume.originMm[1]) / (sy * cy);
        const ix = Math.floor(fx);
        const iy = Math.floor(fy);
        if (ix < 0 || iy < 0 || ix >= cols - 1 || iy >= rows - 1) {
          hu[o] = PADDING;
          continue;
        }
        const ax = fx - ix;
        const ay = fy - iy;
        const at = (x: number, y: number) => volume.hu[x + y * cols + k * cols * rows];
        hu[o] = Math.round(
          (1 - ay) * ((1 - ax) * at(ix, iy) + ax * at(ix + 1, iy)) +
            ay * ((1 - ax) * at(ix, iy + 1) + ax * at(ix + 1, iy + 1)),
        );
      }
    }
  });
  return {
    ...volume,
    hu,
    dims: [size, size, keep.length],
    spacingMm: [pixel, pixel, sz],
    originMm: [x0, y0, zOf(keep[0])],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
  };
}
