/**
 * The baseline's image-only heart finder (steps 1–3 of baseline-labeller.ts), shared with the CNN labeller, which
 * runs it on a coarse copy of the volume to place its heart-region crop:
 * 1. Body and lungs per slice: air (< −400 HU) connected to the image's anterior or posterior edge is outside; other
 *    air is lung (so lungs cut by a tight field of view stay lungs).
 * 2. Mediastinum: non-lung body pixels lying between the leftmost and rightmost lung pixel of their row.
 * 3. Heart: on a ~4 mm in-plane grid, the largest soft-tissue blob (mean HU −30…150) of the mediastinum in each slice;
 *    the heart is the run of slices where that blob is at least half its largest area; centre = blob centroid,
 *    radius from the largest area.
 * Assumes an axial acquisition (direction cosines ±1 along patient axes).
 */
import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';

const AIR_HU = -400;
const COARSE_MM = 4;

/** Voxel grid → patient direction signs: +1 when increasing index moves towards patient left / posterior / head. */
export function axisSigns(v: Volume): [number, number, number] {
  const s = (d: number) => (d < 0 ? -1 : 1);
  return [s(v.rowDirection[0]), s(v.columnDirection[1]), s(v.sliceDirection[2])];
}

/** Per slice: 1 = body, 2 = lung (air inside the body), 0 = outside; and mediastinum mask. */
export function bodyLungMediastinum(v: Volume): { region: Uint8Array; mediastinum: Uint8Array } {
  const [cols, rows, slices] = v.dims;
  const plane = cols * rows;
  const region = new Uint8Array(v.hu.length);
  const mediastinum = new Uint8Array(v.hu.length);
  const stack = new Int32Array(plane);
  const outside = new Uint8Array(plane);
  for (let z = 0; z < slices; z++) {
    const base = z * plane;
    outside.fill(0);
    let top = 0;
    const seed = (p: number) => {
      if (!outside[p] && v.hu[base + p] < AIR_HU) {
        outside[p] = 1;
        stack[top++] = p;
      }
    };
    // Outside air is seeded from the anterior and posterior edges only: with a tight field of view the lungs can reach
    // the left and right edges, and seeding there would take them for outside air. Air beside an uncut body joins the
    // air in front of and behind it anyway. Only when neither edge has air are the side edges used.
    for (let x = 0; x < cols; x++) {
      seed(x);
      seed((rows - 1) * cols + x);
    }
    if (top === 0) {
      for (let y = 0; y < rows; y++) {
        seed(y * cols);
        seed(y * cols + cols - 1);
      }
    }
    while (top > 0) {
      const p = stack[--top];
      const x = p % cols;
      if (x > 0) seed(p - 1);
      if (x < cols - 1) seed(p + 1);
      if (p >= cols) seed(p - cols);
      if (p < plane - cols) seed(p + cols);
    }
    for (let p = 0; p < plane; p++) {
      if (!outside[p]) region[base + p] = v.hu[base + p] < AIR_HU ? 2 : 1;
    }
    for (let y = 0; y < rows; y++) {
      const r = base + y * cols;
      let lo = -1;
      let hi = -1;
      for (let x = 0; x < cols; x++) {
        if (region[r + x] === 2) {
          if (lo < 0) lo = x;
          hi = x;
        }
      }
      for (let x = lo + 1; x < hi; x++) if (region[r + x] === 1) mediastinum[r + x] = 1;
    }
  }
  return { region, mediastinum };
}

export interface Heart {
  centre: [number, number, number]; // voxel coordinates (x, y, z)
  radiusMm: number;
  zLo: number;
  zHi: number;
}

/** Column of the body's midline per slice (mean column of body pixels). */
export function bodyMidline(v: Volume, region: Uint8Array): Float64Array {
  const [cols, rows, slices] = v.dims;
  const plane = cols * rows;
  const mid = new Float64Array(slices);
  for (let z = 0; z < slices; z++) {
    let n = 0;
    let sum = 0;
    for (let p = 0; p < plane; p++) {
      if (region[z * plane + p] !== 0) {
        n++;
        sum += p % cols;
      }
    }
    mid[z] = n > 0 ? sum / n : cols / 2;
  }
  return mid;
}

/**
 * The heart is left of the midline; the liver dome, which can also sit between lung bases, is on the right. So each
 * slice keeps its largest soft-tissue blob whose centroid is not right of the midline by more than 5 mm and which
 * reaches within 12 mm of the midline (the right heart crosses it; the abdomen under a lung base is a lateral island).
 */
export function findHeart(
  v: Volume,
  region: Uint8Array,
  mediastinum: Uint8Array,
  midline: Float64Array,
  leftSign: number,
): Heart | null {
  const [cols, rows, slices] = v.dims;
  const [sx, sy] = v.spacingMm;
  const f = Math.max(1, Math.round(COARSE_MM / ((sx + sy) / 2)));
  const cw = Math.floor(cols / f);
  const ch = Math.floor(rows / f);
  const cplane = cw * ch;
  const soft = new Uint8Array(cplane);
  const seen = new Uint8Array(cplane);
  const stack = new Int32Array(cplane);
  const area = new Float64Array(slices);
  const cxs = new Float64Array(slices);
  const cys = new Float64Array(slices);
  const cellArea = f * f * sx * sy;
  const lungArea = new Float64Array(slices);
  for (let z = 0; z < slices; z++) {
    let n = 0;
    for (let p = z * cols * rows; p < (z + 1) * cols * rows; p++) if (region[p] === 2) n++;
    lungArea[z] = n;
  }
  let maxLung = 0;
  for (let z = 0; z < slices; z++) if (lungArea[z] > maxLung) maxLung = lungArea[z];
  for (let z = 0; z < slices; z++) {
    const base = z * cols * rows;
    for (let cy = 0; cy < ch; cy++) {
      for (let cx = 0; cx < cw; cx++) {
        let sum = 0;
        let inMed = 0;
        for (let dy = 0; dy < f; dy++) {
          const r = base + (cy * f + dy) * cols + cx * f;
          for (let dx = 0; dx < f; dx++) {
            sum += v.hu[r + dx];
            inMed += mediastinum[r + dx];
          }
        }
        const mean = sum / (f * f);
        soft[cy * cw + cx] = inMed * 2 > f * f && mean > -30 && mean < 150 ? 1 : 0;
      }
    }
    seen.fill(0);
    let best = 0;
    let bx = 0;
    let by = 0;
    for (let p = 0; p < cplane; p++) {
      if (!soft[p] || seen[p]) continue;
      let top = 0;
      stack[top++] = p;
      seen[p] = 1;
      let n = 0;
      let sxs = 0;
      let sys = 0;
      let medial = false;
      while (top > 0) {
        const q = stack[--top];
        const qx = q % cw;
        const qy = (q - qx) / cw;
        n++;
        const fromMid = ((qx + 0.5) * f - 0.5 - midline[z]) * sx;
        if (fromMid < 12 && fromMid > -12) medial = true;
        sxs += qx;
        sys += qy;
        const push = (r: number) => {
          if (soft[r] && !seen[r]) {
            seen[r] = 1;
            stack[top++] = r;
          }
        };
        if (qx > 0) push(q - 1);
        if (qx < cw - 1) push(q + 1);
        if (qy > 0) push(q - cw);
        if (qy < ch - 1) push(q + cw);
      }
      const leftOfMidMm = ((sxs / n + 0.5) * f - 0.5 - midline[z]) * sx * leftSign;
      if (n > best && medial && leftOfMidMm > -5) {
        best = n;
        bx = sxs / n;
        by = sys / n;
      }
    }
    area[z] = best * cellArea;
    cxs[z] = (bx + 0.5) * f - 0.5;
    cys[z] = (by + 0.5) * f - 0.5;
  }
  // Slices under the diaphragm (little lung left) cannot hold the heart's widest section.
  let zMax = -1;
  for (let z = 0; z < slices; z++) {
    if (lungArea[z] < 0.4 * maxLung) area[z] = 0;
    if (zMax < 0 || area[z] > area[zMax]) zMax = z;
  }
  if (area[zMax] <= 0) return null;
  const half = area[zMax] / 2;
  let zLo = zMax;
  let zHi = zMax;
  while (zLo > 0 && area[zLo - 1] >= half) zLo--;
  while (zHi < slices - 1 && area[zHi + 1] >= half) zHi++;
  let w = 0;
  let x = 0;
  let y = 0;
  let zc = 0;
  for (let z = zLo; z <= zHi; z++) {
    w += area[z];
    x += area[z] * cxs[z];
    y += area[z] * cys[z];
    zc += area[z] * z;
  }
  return { centre: [x / w, y / w, zc / w], radiusMm: Math.sqrt(area[zMax] / Math.PI), zLo, zHi };
}

/**
 * Where the heart is (patient mm) and its largest axial radius, found from the image alone (steps 1–3 above);
 * null when no heart-like blob sits between the lungs. The CNN labeller runs it on a coarse copy of the volume to
 * place its heart-region crop.
 */
export interface LocatedHeart {
  centreMm: [number, number, number];
  /** Radius of the largest axial section. */
  radiusMm: number;
  /** Patient z of the lowest and highest slice whose section is at least half the largest (lowZ ≤ highZ). */
  lowZMm: number;
  highZMm: number;
}

export function locateHeart(volume: Volume): LocatedHeart | null {
  const { region, mediastinum } = bodyLungMediastinum(volume);
  const heart = findHeart(volume, region, mediastinum, bodyMidline(volume, region), axisSigns(volume)[0]);
  if (!heart) return null;
  const zOf = (slice: number) => voxelToPatientMm(volume, heart.centre[0], heart.centre[1], slice)[2];
  const [a, b] = [zOf(heart.zLo), zOf(heart.zHi)];
  return {
    centreMm: voxelToPatientMm(volume, ...heart.centre),
    radiusMm: heart.radiusMm,
    lowZMm: Math.min(a, b),
    highZMm: Math.max(a, b),
  };
}
