/**
 * Draws the anatomy into a float HU grid: a per-slice pass for the body, chest wall, bones, lungs and diaphragm, then
 * 3D stamps for the heart, great vessels and coronary arteries. Calcium blobs are drawn by ./calcium.ts.
 */
import type { Anatomy, Tube } from './anatomy';
import type { Vec3 } from './vec';

/** Where the voxels are, in body coordinates (x, y as DICOM patient x, y; z = patient z − table offset). */
export interface Grid {
  cols: number;
  rows: number;
  slices: number;
  /** Column, row and slice spacing (mm). */
  spacing: Vec3;
  /** Body coordinates of voxel (0, 0, 0). */
  origin: Vec3;
}

/** Nominal tissue values (HU) of the phantom. */
export const TISSUE_HU = {
  air: -1000,
  lung: -850,
  fat: -100,
  mediastinalFat: -90,
  muscle: 40,
  blood: 40,
  myocardium: 50,
  liver: 58,
  abdomen: 35,
  disc: 80,
  csf: 20,
  marrow: 250,
  ribMarrow: 330,
  corticalBone: 950,
  ribCortex: 1000,
  posteriorArch: 700,
} as const;

/** Above this a voxel of the clean anatomy is bone; soft-tissue stamps never overwrite it. */
const BONE_FLOOR_HU = 200;

export function voxelCount(g: Grid): number {
  return g.cols * g.rows * g.slices;
}

/** The sternum's cross-section (an ellipse centred on the midline) and where it starts (body z). */
export function sternumGeometry(a: Anatomy): { cy: number; semiX: number; semiY: number; bottomZ: number } {
  return { cy: a.cavity.cy - a.cavity.ay - 5, semiX: 15, semiY: 5, bottomZ: a.sternumBottomZ };
}

/** Per-pixel classes of the in-plane layout, which is the same in every slice (only z-dependent parts vary). */
const enum Px {
  Fixed = 0, // value does not depend on z (air, fat, canal, posterior arch, plain muscle)
  Vertebra = 1, // vertebral body: disc or bone depending on z
  ChestWall = 2, // muscle with ribs (z-dependent) and sternum (below its bottom z: none)
  Cavity = 3, // lungs / mediastinal fat above the diaphragm dome, liver / abdomen below
}

/**
 * Body, chest wall, spine, ribs, sternum, lungs and diaphragm. The in-plane geometry is worked out once per pixel
 * (the same expressions as a per-voxel evaluation, so values are identical) and each slice only applies the parts that
 * depend on z: discs, rib bands, sternum and diaphragm domes.
 */
function renderBase(a: Anatomy, g: Grid, out: Float32Array): void {
  const { cols, rows, slices } = g;
  const [sx, sy, sz] = g.spacing;
  const [bax, bay] = a.bodySemiMm;
  const iax = bax - a.subcutaneousFatMm;
  const iay = bay - a.subcutaneousFatMm;
  const { cy: ccy, ax: cax, ay: cay } = a.cavity;
  const ribBand = 7;
  const rax = cax + ribBand;
  const ray = cay + ribBand;
  const meanR = (cax + cay) / 2;
  const cortexFrac = 1.3 / meanR;
  const R = a.spine.radius;
  const canalCy = a.spine.cy + R + 9;
  const paraspinalY = a.spine.cy - R - 12;
  const domeCx = cax * 0.45;
  const ribH = 11;
  const sternumCy = sternumGeometry(a).cy;
  const plane = cols * rows;
  const kind = new Uint8Array(plane);
  /** Fixed: the value; Vertebra: bone value when not a disc; Cavity: value above the dome; ChestWall: sternum value. */
  const value = new Float32Array(plane);
  /** Cavity: dome height; ChestWall: rib phase offset (slope × angle), NaN when no rib passes. */
  const aux = new Float64Array(plane);
  /** Cavity: 1 on the right (liver side); ChestWall: 1 when the rib there is all cortex. */
  const flag = new Uint8Array(plane);
  for (let y = 0; y < rows; y++) {
    const Y = g.origin[1] + y * sy;
    const yb = Y / bay;
    const yi = Y / iay;
    const yc = (Y - ccy) / cay;
    const yr = (Y - ccy) / ray;
    for (let x = 0; x < cols; x++) {
      const X = g.origin[0] + x * sx;
      const p = y * cols + x;
      const xb = X / bax;
      if (xb * xb + yb * yb > 1) {
        value[p] = TISSUE_HU.air;
        continue;
      }
      const xi = X / iax;
      if (xi * xi + yi * yi > 1) {
        value[p] = TISSUE_HU.fat;
        continue;
      }
      // Spine: vertebral body (discs between), canal, posterior arch, spinous and transverse processes.
      const dys = Y - a.spine.cy;
      const r2 = X * X + dys * dys;
      if (r2 < R * R) {
        kind[p] = Px.Vertebra;
        value[p] = r2 > (R - 2) * (R - 2) ? TISSUE_HU.corticalBone : TISSUE_HU.marrow;
        continue;
      }
      const dyc = Y - canalCy;
      const rc2 = X * X + dyc * dyc;
      if (rc2 < 64) {
        value[p] = TISSUE_HU.csf;
        continue;
      }
      const ax = X < 0 ? -X : X;
      if (
        (rc2 < 12.5 * 12.5 && dyc > -4) ||
        (ax < 4 && dyc > 10 && dyc < 34) ||
        ((dyc < 0 ? -dyc : dyc) < 4.5 && ax > 10 && ax < 30)
      ) {
        value[p] = TISSUE_HU.posteriorArch;
        continue;
      }
      const xc = X / cax;
      const c = xc * xc + yc * yc;
      if (c > 1) {
        // Chest wall: ribs in a band just outside the cavity, sternum in front, muscle elsewhere.
        kind[p] = Px.ChestWall;
        const xr = X / rax;
        const cr = xr * xr + yr * yr;
        aux[p] = NaN;
        if (cr <= 1) {
          const s = Math.abs(Math.atan2(X, Y - ccy)) / Math.PI; // 0 posterior … 1 anterior
          if (s > 0.1 && s < 0.84) {
            aux[p] = a.ribs.slopeMm * s;
            flag[p] = Math.sqrt(c) < 1 + cortexFrac || Math.sqrt(cr) > 1 - cortexFrac ? 1 : 0;
          }
        }
        const ex = X / 15;
        const ey = (Y - sternumCy) / 5;
        const e = ex * ex + ey * ey;
        value[p] = e < 1 ? (e > 0.55 ? TISSUE_HU.corticalBone : TISSUE_HU.marrow) : 0;
        continue;
      }
      // Inside the thoracic cavity: abdomen under the diaphragm domes, lungs, mediastinal fat.
      kind[p] = Px.Cavity;
      const right = X < 0;
      const ddx = X - (right ? -domeCx : domeCx);
      aux[p] =
        (right ? a.diaphragm.rightTopZ : a.diaphragm.leftTopZ) -
        a.diaphragm.curvature * (ddx * ddx + (Y - ccy) * (Y - ccy) * 0.5);
      flag[p] = right ? 1 : 0;
      const halfWidth = Y > paraspinalY ? R + 8 : a.mediastinumHalfWidthMm;
      value[p] = ax > halfWidth ? TISSUE_HU.lung : TISSUE_HU.mediastinalFat;
    }
  }
  // Per slice: copy the fixed layout, then fill in the z-dependent pixels from index lists.
  const template = new Float32Array(plane);
  const lists: number[][] = [[], [], [], []];
  for (let p = 0; p < plane; p++) {
    if (kind[p] === Px.Fixed) template[p] = value[p];
    else lists[kind[p]].push(p);
  }
  const vertebra = Int32Array.from(lists[Px.Vertebra]);
  const chestWall = Int32Array.from(lists[Px.ChestWall]);
  const cavity = Int32Array.from(lists[Px.Cavity]);
  const pitch = a.ribs.pitchMm;
  const phase = a.ribs.phaseMm;
  for (let k = 0; k < slices; k++) {
    const zb = g.origin[2] + k * sz;
    const discPos = (((zb - a.spine.discPhaseMm) % a.spine.pitchMm) + a.spine.pitchMm) % a.spine.pitchMm;
    const isDisc = discPos < 6;
    const sternumHere = zb > a.sternumBottomZ;
    const base = k * plane;
    out.set(template, base);
    for (let j = 0; j < vertebra.length; j++) {
      const p = vertebra[j];
      out[base + p] = isDisc ? TISSUE_HU.disc : value[p];
    }
    for (let j = 0; j < cavity.length; j++) {
      const p = cavity[j];
      out[base + p] = zb < aux[p] ? (flag[p] === 1 ? TISSUE_HU.liver : TISSUE_HU.abdomen) : value[p];
    }
    for (let j = 0; j < chestWall.length; j++) {
      const p = chestWall[j];
      let v: number = TISSUE_HU.muscle;
      const q = aux[p];
      if (q === q) {
        const zr = zb + q - phase;
        const m = ((zr % pitch) + pitch) % pitch;
        if (m < ribH) v = m < 1.5 || m > ribH - 1.5 || flag[p] === 1 ? TISSUE_HU.ribCortex : TISSUE_HU.ribMarrow;
      }
      if (sternumHere && value[p] !== 0) v = value[p];
      out[base + p] = v;
    }
  }
}

/** Voxel index range [lo, hi] along one axis covering [minMm, maxMm]. */
function span(minMm: number, maxMm: number, origin: number, step: number, n: number): [number, number] {
  return [Math.max(0, Math.ceil((minMm - origin) / step)), Math.min(n - 1, Math.floor((maxMm - origin) / step))];
}

/**
 * Calls `visit(voxelIndex, squaredDistanceMm2)` for every voxel whose centre lies within `radiusMm` of a polyline
 * segment (once per segment that reaches it): the one walk behind every tube the phantom draws.
 */
export function forEachVoxelNearPolyline(
  points: readonly Vec3[],
  radiusMm: number,
  g: Grid,
  visit: (index: number, distance2: number) => void,
): void {
  const r = radiusMm;
  const r2 = r * r;
  const [sx, sy, sz] = g.spacing;
  const plane = g.cols * g.rows;
  for (let s = 1; s < points.length; s++) {
    const p = points[s - 1];
    const q = points[s];
    const d: Vec3 = [q[0] - p[0], q[1] - p[1], q[2] - p[2]];
    const len2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] || 1;
    const [x0, x1] = span(Math.min(p[0], q[0]) - r, Math.max(p[0], q[0]) + r, g.origin[0], sx, g.cols);
    const [y0, y1] = span(Math.min(p[1], q[1]) - r, Math.max(p[1], q[1]) + r, g.origin[1], sy, g.rows);
    const [z0, z1] = span(Math.min(p[2], q[2]) - r, Math.max(p[2], q[2]) + r, g.origin[2], sz, g.slices);
    for (let z = z0; z <= z1; z++) {
      const Z = g.origin[2] + z * sz - p[2];
      for (let y = y0; y <= y1; y++) {
        const Y = g.origin[1] + y * sy - p[1];
        for (let x = x0; x <= x1; x++) {
          const X = g.origin[0] + x * sx - p[0];
          let t = (X * d[0] + Y * d[1] + Z * d[2]) / len2;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const ex = X - t * d[0];
          const ey = Y - t * d[1];
          const ez = Z - t * d[2];
          const e2 = ex * ex + ey * ey + ez * ez;
          if (e2 <= r2) visit(z * plane + y * g.cols + x, e2);
        }
      }
    }
  }
}

export function stampTube(tube: Tube, g: Grid, out: Float32Array): void {
  forEachVoxelNearPolyline(tube.points, tube.radiusMm, g, (i) => {
    if (out[i] < BONE_FLOOR_HU) out[i] = tube.hu;
  });
}

/** Fills a solid ellipsoid (axes: unit vectors with semi-axes in mm) with one value, leaving bone alone. */
export function stampEllipsoid(
  centre: Vec3,
  axes: [Vec3, Vec3, Vec3],
  semi: Vec3,
  hu: number,
  g: Grid,
  out: Float32Array,
): void {
  const reach = Math.max(semi[0], semi[1], semi[2]);
  const [sx, sy, sz] = g.spacing;
  const [x0, x1] = span(centre[0] - reach, centre[0] + reach, g.origin[0], sx, g.cols);
  const [y0, y1] = span(centre[1] - reach, centre[1] + reach, g.origin[1], sy, g.rows);
  const [z0, z1] = span(centre[2] - reach, centre[2] + reach, g.origin[2], sz, g.slices);
  const [u, v, w] = axes;
  const plane = g.cols * g.rows;
  for (let z = z0; z <= z1; z++) {
    const Z = g.origin[2] + z * sz - centre[2];
    for (let y = y0; y <= y1; y++) {
      const Y = g.origin[1] + y * sy - centre[1];
      for (let x = x0; x <= x1; x++) {
        const X = g.origin[0] + x * sx - centre[0];
        const a = (X * u[0] + Y * u[1] + Z * u[2]) / semi[0];
        const b = (X * v[0] + Y * v[1] + Z * v[2]) / semi[1];
        const c = (X * w[0] + Y * w[1] + Z * w[2]) / semi[2];
        if (a * a + b * b + c * c <= 1) {
          const i = z * plane + y * g.cols + x;
          if (out[i] < BONE_FLOOR_HU) out[i] = hu;
        }
      }
    }
  }
}

/** The clean (noise-free, unblurred) anatomy without calcium. */
export function renderAnatomy(a: Anatomy, g: Grid): Float32Array {
  const out = new Float32Array(voxelCount(g));
  renderBase(a, g, out);
  const h = a.heart;
  const axes: [Vec3, Vec3, Vec3] = [h.axis, h.anterior, h.left];
  const [ha, hb, hc] = h.semiAxesMm;
  stampEllipsoid(h.centre, axes, [ha + h.fatMm, hb + h.fatMm, hc + h.fatMm], TISSUE_HU.mediastinalFat, g, out);
  stampEllipsoid(h.centre, axes, h.semiAxesMm, TISSUE_HU.myocardium, g, out);
  const cavityCentre: Vec3 = [
    h.centre[0] - h.axis[0] * ha * 0.1,
    h.centre[1] - h.axis[1] * ha * 0.1,
    h.centre[2] - h.axis[2] * ha * 0.1,
  ];
  stampEllipsoid(cavityCentre, axes, [ha * 0.72, hb * 0.7, hc * 0.68], TISSUE_HU.blood, g, out);
  for (const tube of a.tubes) stampTube(tube, g, out);
  // Coronary arteries run in a sleeve of epicardial fat (grooves), then the vessel itself.
  for (const vessel of a.vessels)
    stampTube({ points: vessel.points, radiusMm: 4, hu: TISSUE_HU.mediastinalFat }, g, out);
  for (const vessel of a.vessels) stampTube({ points: vessel.points, radiusMm: 1.6, hu: TISSUE_HU.blood }, g, out);
  return out;
}
