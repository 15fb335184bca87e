/** Bone touching the pericardium: the sternum pushed onto the heart, or a rib segment over the LAD or RCA. */
import type { CoronaryArtery } from '@cacscreen/scoring';
import { type Anatomy, heartFrame, heartSurfacePoint } from '../anatomy';
import type { Rng } from '../random';
import { type Grid, TISSUE_HU, sternumGeometry } from '../render';
import { type Vec3, add, addScaled, cross, distance, normalize, scale, sub } from '../vec';
import {
  heartQuadratic,
  heartNormal,
  cavityQuadratic,
  cleanAt,
  minDistancePolylineToVessels,
  sliceZ,
  stampBoneTube,
} from './geometry';
import type { HardNegativeFeature } from './index';

const DEG = Math.PI / 180;

/**
 * Pushes the sternum posteriorly until its cortex touches the epicardial fat (at most 25 mm; pectus-like, tapering off
 * 40 mm above the contact), filling the indentation in front of it with chest-wall muscle.
 */
export function sternumContact(
  a: Anatomy,
  g: Grid,
  clean: Float32Array,
  rng: Rng,
): { feature: HardNegativeFeature; shiftAt: (zb: number) => number } | null {
  const h = a.heart;
  const st = sternumGeometry(a);
  const grow = h.fatMm - rng.uniform(0, Math.max(0, h.fatMm - 5));
  const edge = st.cy + st.semiY;
  const [, , sz] = g.spacing;
  const gapHeart = new Float64Array(g.slices).fill(Infinity);
  const gapOther = new Float64Array(g.slices).fill(Infinity);
  const contactX = new Float64Array(g.slices);
  for (let k = 0; k < g.slices; k++) {
    const zb = sliceZ(g, k);
    if (zb <= st.bottomZ) continue;
    for (let x = -12; x <= 12; x += 2) {
      for (let dy = 0; dy <= 45; dy += 0.5) {
        const p: Vec3 = [x, edge + dy, zb];
        if (heartQuadratic(h, p, grow) <= 1) {
          if (dy < gapHeart[k]) {
            gapHeart[k] = dy;
            contactX[k] = x;
          }
          break;
        }
        if (cavityQuadratic(a, x, p[1]) < 1 && cleanAt(g, clean, p) > -80) {
          gapOther[k] = Math.min(gapOther[k], dy);
          break;
        }
      }
    }
  }
  let depth = Infinity;
  let contactSlice = -1;
  for (let k = 0; k < g.slices; k++) {
    if (gapHeart[k] < depth && gapHeart[k] <= gapOther[k]) {
      depth = gapHeart[k];
      contactSlice = k;
    }
  }
  if (contactSlice < 0 || depth < 1 || depth > 25) return null;
  let top = -Infinity;
  for (let k = 0; k < g.slices; k++) if (gapHeart[k] <= depth + 6) top = Math.max(top, sliceZ(g, k));

  const shifts = new Float64Array(g.slices);
  const plan = (d: number) => {
    for (let k = 0; k < g.slices; k++) {
      const zb = sliceZ(g, k);
      if (zb <= st.bottomZ) {
        shifts[k] = 0;
        continue;
      }
      const taper = zb <= top ? 1 : Math.max(0, 1 - (zb - top) / 40);
      shifts[k] = Math.max(0, Math.min(d * taper, gapOther[k] - 1.5, gapHeart[k]));
    }
  };
  // Back off while the displaced sternum (grown by 2.2 mm) would reach a coronary artery.
  let d = depth;
  for (; d >= 1; d -= 1) {
    plan(d);
    let clear = true;
    for (const v of a.vessels) {
      for (const p of v.points) {
        const k = Math.round((p[2] - g.origin[2]) / sz);
        if (k < 0 || k >= g.slices || shifts[k] <= 0) continue;
        const ex = p[0] / (st.semiX + 2.2);
        const ey = (p[1] - st.cy - shifts[k]) / (st.semiY + 2.2);
        if (ex * ex + ey * ey < 1) clear = false;
      }
    }
    if (clear) break;
  }
  if (d < 1) return null;

  const [sx, sy] = g.spacing;
  const plane = g.cols * g.rows;
  for (let k = 0; k < g.slices; k++) {
    const shift = shifts[k];
    if (shift < 0.2) continue;
    const newCy = st.cy + shift;
    const x0 = Math.max(0, Math.ceil((-st.semiX - g.origin[0]) / sx));
    const x1 = Math.min(g.cols - 1, Math.floor((st.semiX - g.origin[0]) / sx));
    const y0 = Math.max(0, Math.ceil((st.cy - st.semiY - g.origin[1]) / sy));
    const y1 = Math.min(g.rows - 1, Math.floor((newCy + st.semiY - g.origin[1]) / sy));
    for (let y = y0; y <= y1; y++) {
      const Y = g.origin[1] + y * sy;
      for (let x = x0; x <= x1; x++) {
        const X = g.origin[0] + x * sx;
        // The band swept by the sternum's ellipse moving from st.cy to newCy: muscle in front, bone at the new place.
        const ex = X / st.semiX;
        const ey = (Y - newCy) / st.semiY;
        const e = ex * ex + ey * ey;
        const eo = (Y - st.cy) / st.semiY;
        if (ex * ex >= 1 || (Y > newCy && e >= 1) || (Y < st.cy && ex * ex + eo * eo >= 1)) continue;
        const i = k * plane + y * g.cols + x;
        clean[i] = e < 1 ? (e > 0.55 ? TISSUE_HU.corticalBone : TISSUE_HU.marrow) : TISSUE_HU.muscle;
      }
    }
  }
  const zc = sliceZ(g, contactSlice);
  return {
    feature: { kind: 'sternum-contact', centre: [contactX[contactSlice], edge + shifts[contactSlice], zc] },
    shiftAt: (zb: number) => {
      const k = Math.round((zb - g.origin[2]) / sz);
      return k >= 0 && k < g.slices ? shifts[k] : 0;
    },
  };
}

/**
 * A rib segment (radius 3.5–5 mm) whose cortex touches the epicardial fat over the proximal–mid LAD or RCA, running
 * tangentially from the chest wall to 12–25 mm beyond the contact.
 */
export function ribContact(a: Anatomy, g: Grid, clean: Float32Array, rng: Rng): HardNegativeFeature | null {
  const h = a.heart;
  const artery: CoronaryArtery = rng.chance(0.55) ? 'LAD' : 'RCA';
  const path = a.vessels.find((v) => v.artery === artery)!.points;
  const [f0, f1] = artery === 'LAD' ? [0.1, 0.6] : [0.12, 0.45];
  const radius = rng.uniform(3.5, 5);
  for (let attempt = 0; attempt < 25; attempt++) {
    const s = Math.floor(rng.uniform(f0, f1) * (path.length - 1));
    const { t, phi } = heartFrame(h, path[s]);
    const grow = h.fatMm - rng.uniform(0, Math.max(0, h.fatMm - 5));
    const theta = rng.uniform(-25, 25) * DEG;
    const medialMm = rng.uniform(12, 25);
    // Contact: where the ray from the heart axis through the vessel leaves the grown ellipsoid.
    const axisPoint = addScaled(h.centre, h.axis, t * h.semiAxesMm[0]);
    const ray = normalize(sub(heartSurfacePoint(h, t, phi, 0), axisPoint));
    let lo = 0;
    let hi = 150;
    for (let it = 0; it < 40; it++) {
      const mid = (lo + hi) / 2;
      if (heartQuadratic(h, addScaled(axisPoint, ray, mid), grow) < 1) lo = mid;
      else hi = mid;
    }
    const contact = addScaled(axisPoint, ray, hi);
    const n = heartNormal(h, contact, grow);
    if (Math.abs(n[2]) > 0.9) continue;
    const q = addScaled(contact, n, radius + 0.2);
    const d0 = normalize(cross(n, [0, 0, 1]));
    let d = add(scale(d0, Math.cos(theta)), scale(cross(n, d0), Math.sin(theta)));
    if (d[0] * (q[0] - 0) < 0) d = scale(d, -1); // lateral end away from the midline
    const ribBand = (x: number, y: number) => {
      const u = x / (a.cavity.ax + 7);
      const v = (y - a.cavity.cy) / (a.cavity.ay + 7);
      return u * u + v * v;
    };
    let lateral = q;
    for (let step = 2; step <= 160; step += 2) {
      lateral = addScaled(q, d, step);
      if (ribBand(lateral[0], lateral[1]) > 0.97) break;
    }
    const medial = addScaled(q, d, -medialMm);
    const line = [medial, q, lateral];
    if (minDistancePolylineToVessels(a, line) < radius + 2.2) continue;
    let ok = true;
    for (let s2 = 1; s2 < line.length && ok; s2++) {
      const len = distance(line[s2 - 1], line[s2]);
      for (let u = 0; u <= len && ok; u += 1) {
        const p = addScaled(line[s2 - 1], sub(line[s2], line[s2 - 1]), len > 0 ? u / len : 0);
        if (heartQuadratic(h, p, grow + radius * 0.8) < 1 && distance(p, q) > 3) ok = false;
        const v = cleanAt(g, clean, p);
        if (cavityQuadratic(a, p[0], p[1]) < 1 && v > -80) ok = false;
      }
    }
    if (!ok) continue;
    stampBoneTube(line, radius, g, clean);
    return { kind: 'rib-contact', centre: contact, artery };
  }
  return null;
}
