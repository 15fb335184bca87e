/**
 * Tubes: groups of capsule segments (polyline centre + radius) rasterised per slice through a shared signed
 * distance, so joints inside one group have no seams. Used for ribs, cartilage, airways, great and
 * pulmonary vessels, coronary lumens, clavicles and wires.
 */
import { Grid, SliceBuffers, Tissue, pixelRange } from './slice';
import { Vec3 } from './vec';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { abs, max, min, sqrt } = Math;

export interface TubeStyle {
  coreHu: number;
  coreTissue: Tissue;
  /** Outer wall of this thickness (mm) gets wallHu (cortex, airway wall); 0 for solid tubes. */
  wallMm: number;
  wallHu: number;
  wallTissue: Tissue;
  /** Paint only over pixels currently of this tissue (e.g. pulmonary vessels only inside lung). */
  onlyOver?: Tissue;
}

export class TubeGroup {
  /** Packed per segment: ax ay az bx by bz ra rb. */
  private segs: number[] = [];
  private zlo: number[] = [];
  private zhi: number[] = [];

  constructor(readonly style: TubeStyle) {}

  get segmentCount(): number {
    return this.zlo.length;
  }

  addPolyline(points: Vec3[], radii: number[] | number): void {
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const ra = typeof radii === 'number' ? radii : radii[i];
      const rb = typeof radii === 'number' ? radii : radii[i + 1];
      this.segs.push(a[0], a[1], a[2], b[0], b[1], b[2], ra, rb);
      const r = max(ra, rb);
      this.zlo.push(min(a[2], b[2]) - r);
      this.zhi.push(max(a[2], b[2]) + r);
    }
  }

  /** Paint this group's cross-section at height z. Returns true when any pixel was touched. */
  paint(z: number, grid: Grid, buf: SliceBuffers, boxes: number[]): boolean {
    boxes.length = 0;
    const s = this.segs;
    const { nx, px, x0, y0, ny } = grid;
    const active: number[] = [];
    for (let k = 0; k < this.zlo.length; k++) {
      if (z < this.zlo[k] || z > this.zhi[k]) continue;
      const o = k * 8;
      const ax = s[o],
        ay = s[o + 1],
        az = s[o + 2];
      const dx = s[o + 3] - ax,
        dy = s[o + 4] - ay,
        dz = s[o + 5] - az;
      const r = max(s[o + 6], s[o + 7]);
      let t0 = 0;
      let t1 = 1;
      if (abs(dz) > 1e-9) {
        const ta = (z - r - az) / dz;
        const tb = (z + r - az) / dz;
        t0 = max(0, min(ta, tb));
        t1 = min(1, max(ta, tb));
      }
      const xa = ax + dx * t0,
        xb = ax + dx * t1;
      const ya = ay + dy * t0,
        yb = ay + dy * t1;
      const [i0, i1] = pixelRange(min(xa, xb) - r, max(xa, xb) + r, x0, px, nx);
      const [j0, j1] = pixelRange(min(ya, yb) - r, max(ya, yb) + r, y0, px, ny);
      if (i0 > i1 || j0 > j1) continue;
      active.push(k);
      boxes.push(i0, i1, j0, j1);
    }
    if (active.length === 0) return false;
    const sdf = buf.sdf;
    for (let b = 0; b < boxes.length; b += 4) {
      for (let j = boxes[b + 2]; j <= boxes[b + 3]; j++) sdf.fill(1e9, j * nx + boxes[b], j * nx + boxes[b + 1] + 1);
    }
    for (let q = 0; q < active.length; q++) {
      const o = active[q] * 8;
      const ax = s[o],
        ay = s[o + 1],
        az = s[o + 2];
      const dx = s[o + 3] - ax,
        dy = s[o + 4] - ay,
        dz = s[o + 5] - az;
      const ra = s[o + 6],
        dr = s[o + 7] - ra;
      const len2 = dx * dx + dy * dy + dz * dz || 1e-12;
      const pz = z - az;
      const b = q * 4;
      for (let j = boxes[b + 2]; j <= boxes[b + 3]; j++) {
        const py = y0 + j * px - ay;
        const row = j * nx;
        for (let i = boxes[b]; i <= boxes[b + 1]; i++) {
          const pxx = x0 + i * px - ax;
          let t = (pxx * dx + py * dy + pz * dz) / len2;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const ex = pxx - t * dx,
            ey = py - t * dy,
            ez = pz - t * dz;
          const d = sqrt(ex * ex + ey * ey + ez * ez) - (ra + t * dr);
          if (d < sdf[row + i]) sdf[row + i] = d;
        }
      }
    }
    const st = this.style;
    const hu = buf.hu;
    const tissue = buf.tissue;
    const wall = -st.wallMm;
    for (let b = 0; b < boxes.length; b += 4) {
      for (let j = boxes[b + 2]; j <= boxes[b + 3]; j++) {
        const row = j * nx;
        for (let i = boxes[b]; i <= boxes[b + 1]; i++) {
          const idx = row + i;
          const d = sdf[idx];
          if (d >= 0) continue;
          if (st.onlyOver !== undefined && tissue[idx] !== st.onlyOver) continue;
          if (d > wall) {
            hu[idx] = st.wallHu;
            tissue[idx] = st.wallTissue;
          } else {
            hu[idx] = st.coreHu;
            tissue[idx] = st.coreTissue;
          }
          sdf[idx] = 1e9;
        }
      }
    }
    return true;
  }
}
