/**
 * Body: torso outline with skin, subcutaneous fat and muscle; lungs and mediastinum inside the thoracic cavity;
 * diaphragm domes with liver, stomach, spleen, kidneys, psoas and bowel below; spine, sternum, ribs with costal
 * cartilage, and clavicles.
 */
import { Patient, cavityAt, diaphragmZ, spineY, torsoAt } from './patient';
import { Rng } from './rng';
import { Grid, SliceBuffers, Tissue, pixelRange } from './slice';
import { TEX } from './texture';
import { TubeGroup } from './tubes';
import { Vec3, spline } from './vec';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { abs, asin, ceil, cos, floor, hypot, max, min, pow, sin, sqrt } = Math;

interface Blob {
  c: Vec3;
  r: Vec3;
}

export interface Body {
  p: Patient;
  tex: Float64Array;
  ribs: TubeGroup;
  cartilage: TubeGroup;
  clavicles: TubeGroup;
  /** Costal cartilage centrelines (for calcification). */
  cartilagePaths: Vec3[][];
  stomach: Blob;
  spleen: Blob;
  kidneys: Blob[];
  sinuses: Blob[];
  /** Vertebral levels: centre z and height, top (T1) first. */
  levels: { zc: number; h: number; k: number }[];
}

export function sternumAt(p: Patient, z: number): { y: number; hw: number; ht: number } | undefined {
  if (z > p.zSternTop || z < p.zSternBot) return undefined;
  const cav = cavityAt(p, z);
  const fromTop = p.zSternTop - z;
  const fromBot = z - p.zSternBot;
  let hw = fromTop < 50 ? 27 - 0.2 * fromTop : 15;
  const ht = fromTop < 50 ? 7.5 : 6;
  if (fromBot < 20) hw = 6 + (hw - 6) * (fromBot / 20);
  return { y: -(cav.bAnt + ht + 1.5), hw: hw * p.size, ht };
}

/** Pull a point in (x, y) so a tube of radius r around it stays inside the chest wall. */
function insideWall(p: Patient, q: Vec3, r: number): Vec3 {
  const cav = cavityAt(p, q[2]);
  const a = cav.a + p.wallLat - r - 1;
  const b = (q[1] < 0 ? cav.bAnt + p.wallAnt : cav.bPost + p.backMm) - r - 1;
  const e = hypot(q[0] / a, q[1] / b);
  return e > 1 ? [q[0] / e, q[1] / e, q[2]] : q;
}

function vertebralLevels(p: Patient): Body['levels'] {
  const levels: Body['levels'] = [];
  let z = p.zT1 + p.levelH * 0.41;
  for (let k = 0; k < 17; k++) {
    const h = k < 12 ? p.levelH * (0.82 + (0.36 * k) / 11) : p.levelH * 1.25;
    levels.push({ zc: z - h / 2, h, k });
    z -= h;
  }
  return levels;
}

export function buildBody(rng: Rng, p: Patient, tex: Float64Array): Body {
  const levels = vertebralLevels(p);
  const bone = {
    coreHu: p.cancellous,
    coreTissue: Tissue.Bone,
    wallMm: 1.3,
    wallHu: p.cortical,
    wallTissue: Tissue.Bone,
  };
  const ribs = new TubeGroup(bone);
  const cartilage = new TubeGroup({
    coreHu: p.huCartilage,
    coreTissue: Tissue.Cartilage,
    wallMm: 0.8,
    wallHu: p.huCartilage + 15,
    wallTissue: Tissue.Cartilage,
  });
  const clavicles = new TubeGroup({ ...bone, wallMm: 1.8 });
  const cartilagePaths: Vec3[][] = [];
  const drops = [22, 40, 58, 70, 80, 88, 95, 98, 96, 90, 55, 45];
  const ends = [0.8, 0.79, 0.79, 0.8, 0.8, 0.8, 0.78, 0.72, 0.67, 0.61, 0.5, 0.4];
  const radii = [3.6, 4.2, 4.8, 5, 5, 5, 5, 4.8, 4.6, 4.3, 3.8, 3.4];
  const prevCart: Record<number, Vec3[]> = {};
  for (let i = 0; i < 12; i++) {
    const lev = levels[i];
    const zHead = lev.zc + lev.h / 2;
    const d = drops[i] * p.size * rng.uniform(0.9, 1.1);
    const thEnd = Math.PI * ends[i];
    const rr = radii[i] * p.size;
    for (const side of [-1, 1]) {
      const ys = spineY(p, zHead);
      const rx = p.vertRx * (0.8 + (0.5 * i) / 16);
      const pts: Vec3[] = [
        [side * (rx + 2), ys + 3, zHead],
        [side * (rx + 20), ys + 17, zHead - 2],
      ];
      const cav0 = cavityAt(p, zHead);
      const th1 = asin(min(0.95, (rx + 32) / (cav0.a + rr + 2)));
      const n = max(6, ceil(((thEnd - th1) * cav0.a) / 8));
      for (let s = 0; s <= n; s++) {
        const th = th1 + ((thEnd - th1) * s) / n;
        const z = zHead - 2 - d * pow(s / n, 1.5);
        const cav = cavityAt(p, z);
        const c = cos(th);
        const sn = sin(th);
        const b = c > 0 ? cav.bPost : cav.bAnt;
        const k = c > 0 ? 1 / sqrt(sqrt(c ** 4 + sn ** 4)) : 1;
        pts.push([side * (cav.a + rr + 2) * sn * k, (b + rr + 2) * c * k, z]);
      }
      ribs.addPolyline(
        spline(pts, 4).map((q) => insideWall(p, q, rr)),
        rr,
      );
      if (i >= 10) continue;
      const end = pts[pts.length - 1];
      let target: Vec3;
      if (i < 7) {
        const zAtt =
          i === 0
            ? p.zSternTop - 10
            : i === 1
              ? p.zSternTop - 48
              : p.zSternTop - 68 - ((i - 2) / 4) * (p.zSternTop - 68 - p.zSternBot - 14);
        const st = sternumAt(p, zAtt) ?? { y: -(cavityAt(p, zAtt).bAnt + 8), hw: 12, ht: 6 };
        target = [side * (st.hw + 1), st.y, zAtt];
      } else {
        const prev = prevCart[side * 100 + i - 1];
        target = prev ? prev[floor(prev.length * 0.55)] : [side * 30, end[1] - 5, end[2] + 30];
      }
      const mid: Vec3 = [(end[0] + target[0]) / 2 + side * 4, (end[1] + target[1]) / 2 - 2, (end[2] + target[2]) / 2];
      const path = spline([end, mid, target], 3).map((q) => insideWall(p, q, rr));
      prevCart[side * 100 + i] = path;
      cartilage.addPolyline(path, rr * 1.05);
      cartilagePaths.push(path);
    }
  }
  for (const side of [-1, 1]) {
    const st = sternumAt(p, p.zSternTop - 2);
    const y = st ? st.y : -70;
    const pts = spline(
      [
        [side * 16, y - 3, p.zSternTop + 1],
        [side * 70, y, p.zSternTop + 10],
        [side * (p.cavA + 5), -15, p.zSternTop + 25],
      ],
      4,
    );
    clavicles.addPolyline(pts, 6 * p.size);
  }
  const s = p.size;
  const out: Body = {
    p,
    tex,
    ribs,
    cartilage,
    clavicles,
    cartilagePaths,
    stomach: { c: [p.xDomeL - 5, -15, p.zDomeL - 52], r: [40 * s, 36 * s, 50 * s] },
    spleen: { c: [p.cavA * 0.68, p.ySpine - 5, p.zDomeL - 48], r: [22 * s, 42 * s, 48 * s] },
    kidneys: [
      { c: [-(p.vertRx + 48), p.ySpine + 8, p.zKidneyR], r: [28 * s, 22 * s, 55 * s] },
      { c: [p.vertRx + 48, p.ySpine + 8, p.zKidneyL], r: [28 * s, 22 * s, 55 * s] },
    ],
    sinuses: [],
    levels,
  };
  out.sinuses = out.kidneys.map((k) => ({
    c: [k.c[0] * 0.85, k.c[1] - 3, k.c[2]],
    r: [k.r[0] * 0.4, k.r[1] * 0.45, k.r[2] * 0.55],
  }));
  return out;
}

function inBlob(b: Blob, x: number, y: number, z: number): number {
  const dx = (x - b.c[0]) / b.r[0];
  const dy = (y - b.c[1]) / b.r[1];
  const dz = (z - b.c[2]) / b.r[2];
  return dx * dx + dy * dy + dz * dz;
}

/** Torso soft tissues, lungs, mediastinum and abdomen at height z (writes every pixel). */
export function renderTorso(body: Body, z: number, grid: Grid, buf: SliceBuffers): void {
  const p = body.p;
  const { nx, ny, x0, y0, px } = grid;
  const { hu, tissue } = buf;
  hu.fill(-1000);
  tissue.fill(Tissue.Air);
  const T = torsoAt(p, z);
  const cav = T.cav;
  const aF = T.a - p.fatLat;
  const bFA = T.bAnt - p.fatAnt;
  const bFP = T.bPost - p.fatPost;
  const ys = spineY(p, z);
  const vr = p.vertRy * 1.2;
  const vx = p.vertRx * 1.2;
  const tex = body.tex;
  const zo = (floor(z / 6) * 37) & (TEX - 1);
  const aboveApex = z > p.zApex;
  const nearDomes = z < max(p.zDomeR, p.zDomeL) + 4;
  const lungDepth = cav.bAnt + cav.bPost;
  const mediaW = z > p.zCarina ? 20 : z > 0 ? 12 : 7;
  const xApex = 0.42 * p.cavA;
  const skin = 1.8;
  // Ellipses in front, flatter superellipses (exponent 4) behind: the back and the paravertebral gutters.
  const half = (a: number, b: number, y: number) => {
    if (abs(y) >= b) return -1;
    const t = (y / b) * (y / b);
    return y < 0 ? a * sqrt(1 - t) : a * sqrt(sqrt(1 - t * t));
  };
  const run = (row: number, lo: number, hi: number, v: number, t: Tissue) => {
    if (hi < 0) return;
    const [i0, i1] = pixelRange(lo, hi, x0, px, nx);
    if (i0 > i1) return;
    hu.fill(v, row + i0, row + i1 + 1);
    tissue.fill(t, row + i0, row + i1 + 1);
  };
  const [j0, j1] = pixelRange(-T.bAnt, T.bPost, y0, px, ny);
  for (let j = j0; j <= j1; j++) {
    const y = y0 + j * px;
    const row = j * nx;
    const bo = y < 0 ? T.bAnt : T.bPost;
    const xo = half(T.a, bo, y);
    run(row, -xo, xo, 20, Tissue.Soft);
    const xs = half(T.a - skin, bo - skin, y);
    run(row, -xs, xs, p.huFat, Tissue.Fat);
    const xf = half(aF, y < 0 ? bFA : bFP, y);
    run(row, -xf, xf, p.huMuscle, Tissue.Soft);
    const xc = half(cav.a, y < 0 ? cav.bAnt : cav.bPost, y);
    if (xc < 0) continue;
    const [i0, i1] = pixelRange(-xc, xc, x0, px, nx);
    const ty = ((((y + 1024) * 0.25) | 0) + zo) & (TEX - 1);
    const lungGrad = 60 * min(1, max(0, (y + cav.bAnt) / lungDepth));
    const pdy = (y - ys - 10) / (vr + 22);
    const paraW = abs(pdy) < 1 ? (vx + 9) * sqrt(1 - pdy * pdy) : -1;
    const ant = y < ys - vr + 2;
    // Mediastinal band: narrow anteriorly, wider towards the spine.
    const mw = mediaW * (0.55 + 0.45 * min(1, max(0, (y + cav.bAnt) / (cav.bAnt + ys))));
    const apexY = (y - 10) * (y - 10);
    for (let i = i0; i <= i1; i++) {
      const x = x0 + i * px;
      const idx = row + i;
      if (abs(x) < paraW) continue;
      const tv = tex[ty * TEX + (((((x + 1024) * 0.25) | 0) + zo * 3) & (TEX - 1))];
      const zd = nearDomes ? diaphragmZ(p, x, y) : -1e9;
      if (z > zd + 3) {
        const ax = abs(x) - xApex;
        if (aboveApex || z > p.zApex - 0.004 * (ax * ax + apexY)) {
          const fatty = tv > 0.3;
          hu[idx] = fatty ? p.huFat : p.huMuscle - 10;
          tissue[idx] = fatty ? Tissue.Fat : Tissue.Soft;
        } else if (ant && abs(x - 4) < mw) {
          hu[idx] = p.huFat + 8 * tv;
          tissue[idx] = Tissue.Fat;
        } else {
          hu[idx] = p.huLung + lungGrad + 15 * tv;
          tissue[idx] = Tissue.Lung;
        }
      } else if (z > zd - 2) {
        hu[idx] = p.huMuscle;
        tissue[idx] = Tissue.Soft;
      } else {
        const tb =
          tex[((((y + 1024) * 0.7) | 0) & (TEX - 1)) * TEX + (((((x + 1024) * 0.7) | 0) + zo * 3) & (TEX - 1))];
        abdomen(body, x, y, z, tb, ys, idx, buf);
      }
    }
  }
}

function abdomen(
  body: Body,
  x: number,
  y: number,
  z: number,
  tv: number,
  ys: number,
  idx: number,
  buf: SliceBuffers,
): void {
  const p = body.p;
  const { hu, tissue } = buf;
  for (let k = 0; k < body.kidneys.length; k++) {
    if (inBlob(body.kidneys[k], x, y, z) < 1) {
      const sinus = inBlob(body.sinuses[k], x, y, z) < 1;
      hu[idx] = sinus ? p.huFat + 20 : 35;
      tissue[idx] = sinus ? Tissue.Fat : Tissue.Soft;
      return;
    }
  }
  if (inBlob(body.spleen, x, y, z) < 1) {
    hu[idx] = p.huSpleen;
    tissue[idx] = Tissue.Soft;
    return;
  }
  const st = body.stomach;
  const es = inBlob(st, x, y, z);
  if (es < 1) {
    if (es > 0.85) {
      hu[idx] = 38;
      tissue[idx] = Tissue.Soft;
    } else if (p.stomachAir && y < st.c[1] - st.r[1] * 0.35) {
      hu[idx] = -990;
      tissue[idx] = Tissue.Air;
    } else {
      hu[idx] = 15 + 5 * tv;
      tissue[idx] = Tissue.Soft;
    }
    return;
  }
  const span = p.zDomeR - p.zLiverBottom;
  const t = min(1, max(0, (p.zDomeR - z) / span));
  const edge = 45 - 100 * pow(t, 0.8) - (y > 0 ? y * 0.25 : 0);
  if (x < edge && z > p.zLiverBottom + (x + 60) * 0.3) {
    hu[idx] = p.huLiver + 3 * tv;
    tissue[idx] = Tissue.Soft;
    return;
  }
  const psoasTop = p.zDomeR - 95;
  if (z < psoasTop) {
    const r = min(26, 5 + (psoasTop - z) * 0.16);
    const dx = abs(x) - (p.vertRx + 8 + r * 0.5);
    const dy = y - (ys - 2);
    if (dx * dx + dy * dy < r * r) {
      hu[idx] = p.huMuscle;
      tissue[idx] = Tissue.Soft;
      return;
    }
  }
  if (tv > 1.45 && y < ys - 30) {
    hu[idx] = -950;
    tissue[idx] = Tissue.Air;
  } else if (tv < -0.2) {
    hu[idx] = p.huFat + 10 * tv;
    tissue[idx] = Tissue.Fat;
  } else {
    hu[idx] = 28 + 8 * tv;
    tissue[idx] = Tissue.Soft;
  }
}

/** Vertebra (body with cortex and end plates, disc, canal, arch, spinous and transverse processes) at z. */
export function renderSpine(body: Body, z: number, grid: Grid, buf: SliceBuffers): void {
  const p = body.p;
  const lev = body.levels.find((l) => abs(z - l.zc) <= l.h / 2);
  if (!lev) return;
  const { nx, ny, x0, y0, px } = grid;
  const { hu, tissue } = buf;
  const dz = z - lev.zc;
  const disc = 0.2 * lev.h;
  const inDisc = abs(dz) > lev.h / 2 - disc / 2;
  const endplate = !inDisc && abs(dz) > lev.h / 2 - disc / 2 - 1.2;
  const rx = p.vertRx * (0.8 + (0.5 * lev.k) / 16);
  const ry = p.vertRy * (0.8 + (0.45 * lev.k) / 16);
  const ys = spineY(p, z);
  const yc = ys + ry + 8;
  const upper = dz > -lev.h / 4;
  const spLen = 22 * p.size;
  const [i0, i1] = pixelRange(-36, 36, x0, px, nx);
  const [j0, j1] = pixelRange(ys - ry - 1, yc + 12 + spLen, y0, px, ny);
  const cort = p.cortical;
  const canc = p.cancellous;
  for (let j = j0; j <= j1; j++) {
    const y = y0 + j * px;
    for (let i = i0; i <= i1; i++) {
      const x = x0 + i * px;
      const idx = j * nx + i;
      const ex = x / rx;
      const ey = (y - ys) / ry;
      const e = ex * ex + ey * ey;
      if (e < 1) {
        if (inDisc) {
          hu[idx] = 80;
          tissue[idx] = Tissue.Soft;
        } else {
          const rim = 1 - 1.6 / min(rx, ry);
          hu[idx] = endplate || e > rim * rim ? cort : canc;
          tissue[idx] = Tissue.Bone;
        }
        continue;
      }
      const cx = x;
      const cy = y - yc;
      const r2 = cx * cx + cy * cy;
      if (r2 < 7.5 * 7.5) {
        hu[idx] = 12;
        tissue[idx] = Tissue.Soft;
        continue;
      }
      const ax = abs(x);
      const arch = r2 < 12.5 * 12.5 && cy > -9;
      const spinous = dz > 0 && ax < 3 && cy > 11 && cy < 11 + spLen;
      // Transverse process: a short bar running postero-laterally from the arch.
      const tu = (ax - 9) / 18;
      const tOff = cy - (tu * 11 - 1);
      const transverse = upper && !inDisc && tu > 0 && tu < 1 && abs(tOff) < 4;
      if (arch || spinous || transverse) {
        const shell = arch ? r2 > 11 * 11 || r2 < 8.7 * 8.7 : spinous ? ax > 1.8 : abs(tOff) > 2.8;
        hu[idx] = shell ? cort * 0.9 : canc;
        tissue[idx] = Tissue.Bone;
      }
    }
  }
}

/** Sternum (manubrium, body, xiphoid) cross-section at z: cortex and cancellous bone. */
export function renderSternum(body: Body, z: number, grid: Grid, buf: SliceBuffers): void {
  const p = body.p;
  const st = sternumAt(p, z);
  if (!st) return;
  const { nx, ny, x0, y0, px } = grid;
  const [i0, i1] = pixelRange(-st.hw, st.hw, x0, px, nx);
  const [j0, j1] = pixelRange(st.y - st.ht, st.y + st.ht, y0, px, ny);
  for (let j = j0; j <= j1; j++) {
    const ey = (y0 + j * px - st.y) / st.ht;
    for (let i = i0; i <= i1; i++) {
      const ex = (x0 + i * px) / st.hw;
      const e = ex * ex + ey * ey;
      if (e >= 1) continue;
      const idx = j * nx + i;
      const rim = 1 - 1.2 / st.ht;
      buf.hu[idx] = e > rim * rim ? p.cortical * 0.85 : p.cancellous;
      buf.tissue[idx] = Tissue.Bone;
    }
  }
}
