/** Rendering: anatomy per sub-slice, slice-profile average, calcium, streaks, noise, kernel, labels. */
import { Body, renderSpine, renderSternum, renderTorso, sternumAt } from './body';
import { Deposit, Cov, addDiag, det } from './calcium';
import { Heart, renderHeart } from './heart';
import { spineY } from './patient';
import { ScanPlan, addNoise, applyKernel, normalTable, paintStreak } from './scanner';
import { SliceBuffers, Tissue, makeBuffers } from './slice';
import { TubeGroup } from './tubes';
import { Rng } from './rng';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { abs, ceil, exp, floor, log, max, min, round, sqrt } = Math;

export interface Scene {
  body: Body;
  heart: Heart;
  /** Tube groups in painting order (after heart). */
  tubes: TubeGroup[];
  deposits: Deposit[];
}

/** Minimum blurred contribution (HU) of a deposit for a voxel to carry its label. */
export const LABEL_MIN_HU = 10;

interface PreparedLobe {
  cx: number;
  cy: number;
  cz: number;
  label: number;
  zReach: number;
  /** Mahalanobis^2 bound of the painted box (the label footprint stops at 9). */
  qMax: number;
  /** Image precision matrix (packed) and amplitude; label-footprint precision and amplitude. */
  P: Cov;
  amp: number;
  L: Cov;
  ampL: number;
  /** Conditional in-plane covariance for the label footprint (for the bounding box) and z variance. */
  czz: number;
}

function invert(c: Cov): Cov {
  const [a, b, cc, d, e, f] = c;
  const A = d * f - e * e;
  const B = -(b * f - e * cc);
  const C = b * e - d * cc;
  const D = a * f - cc * cc;
  const E = -(a * e - b * cc);
  const F = a * d - b * b;
  const dt = a * A + b * B + cc * C;
  return [A / dt, B / dt, C / dt, D / dt, E / dt, F / dt];
}

function prepare(deposits: Deposit[], plan: ScanPlan): PreparedLobe[] {
  const px2 = (plan.grid.px * plan.grid.px) / 12;
  const ssp2 = plan.sspSigma * plan.sspSigma;
  const b2 = plan.sigmaMm * plan.sigmaMm;
  const out: PreparedLobe[] = [];
  for (const d of deposits) {
    for (const l of d.lobes) {
      const ci = addDiag(l.cov, px2, px2, ssp2);
      const cl = addDiag(ci, b2, b2, 0);
      const d0 = det(l.cov);
      const ampL = l.amp * sqrt(d0 / det(cl));
      const qMax = max(9, 2 * log(max(l.amp, 1) / 0.5));
      out.push({
        qMax,
        cx: l.c[0],
        cy: l.c[1],
        cz: l.c[2],
        label: d.label,
        zReach: sqrt(qMax * cl[5]),
        P: invert(ci),
        amp: l.amp * sqrt(d0 / det(ci)),
        L: invert(cl),
        ampL,
        czz: cl[5],
      });
    }
  }
  return out;
}

function paintCalcium(
  lobes: PreparedLobe[],
  z: number,
  plan: ScanPlan,
  img: Float64Array,
  lab: Uint8Array,
  strength: Float64Array,
): void {
  const { nx, ny, x0, y0, px } = plan.grid;
  for (const l of lobes) {
    const dz = z - l.cz;
    if (abs(dz) > l.zReach) continue;
    const [Lxx, Lxy, Lxz, Lyy, Lyz, Lzz] = l.L;
    // Conditional in-plane Gaussian of the footprint at this z.
    const det2 = Lxx * Lyy - Lxy * Lxy;
    const sxx = Lyy / det2;
    const syy = Lxx / det2;
    const bx = Lxz * dz;
    const by = Lyz * dz;
    const mx = -(sxx * bx - (Lxy / det2) * by);
    const my = -(syy * by - (Lxy / det2) * bx);
    const qmin = (dz * dz) / l.czz;
    const room = l.qMax - qmin;
    if (room <= 0) continue;
    const hx = sqrt(sxx * room);
    const hy = sqrt(syy * room);
    const i0 = max(0, ceil((l.cx + mx - hx - x0) / px));
    const i1 = min(nx - 1, floor((l.cx + mx + hx - x0) / px));
    const j0 = max(0, ceil((l.cy + my - hy - y0) / px));
    const j1 = min(ny - 1, floor((l.cy + my + hy - y0) / px));
    const [Pxx, Pxy, Pxz, Pyy, Pyz, Pzz] = l.P;
    for (let j = j0; j <= j1; j++) {
      const dy = y0 + j * px - l.cy;
      const pa = Pyy * dy * dy + 2 * Pyz * dy * dz + Pzz * dz * dz;
      const la = Lyy * dy * dy + 2 * Lyz * dy * dz + Lzz * dz * dz;
      const pb = 2 * (Pxy * dy + Pxz * dz);
      const lb = 2 * (Lxy * dy + Lxz * dz);
      for (let i = i0; i <= i1; i++) {
        const dx = x0 + i * px - l.cx;
        const q = Pxx * dx * dx + pb * dx + pa;
        const idx = j * nx + i;
        if (q < 40) img[idx] += l.amp * exp(-0.5 * q);
        const ql = Lxx * dx * dx + lb * dx + la;
        if (ql > 9) continue;
        const v = l.ampL * exp(-0.5 * ql);
        if (v >= LABEL_MIN_HU && v > strength[idx]) {
          strength[idx] = v;
          lab[idx] = l.label;
        }
      }
    }
  }
}

export interface Rendered {
  hu: Int16Array;
  labels: Uint8Array;
  /** 1 where any sub-sample of the voxel was bone or metal (for tests). */
  boneMask?: Uint8Array;
}

export function renderScene(scene: Scene, plan: ScanPlan, noiseRng: Rng, keepBoneMask = false): Rendered {
  const { nx, ny } = plan.grid;
  const n = nx * ny;
  const nz = plan.zs.length;
  const hu = new Int16Array(n * nz);
  const labels = new Uint8Array(n * nz);
  const boneMask = keepBoneMask ? new Uint8Array(n * nz) : undefined;
  const buf: SliceBuffers = makeBuffers(plan.grid);
  const acc = new Float64Array(n);
  const tmp = new Float64Array(n);
  const pad = new Float64Array(nx + plan.taps.length);
  const strength = new Float64Array(n);
  const lab = new Uint8Array(n);
  const bone = new Uint8Array(n);
  const boxes: number[] = [];
  const lobes = prepare(scene.deposits, plan);
  const table = normalTable(noiseRng);
  let state = noiseRng.nextU32() | 1;
  const w = 1 / plan.sub.length;
  const p = scene.body.p;
  for (let k = 0; k < nz; k++) {
    const z = plan.zs[k];
    acc.fill(0);
    bone.fill(0);
    for (const off of plan.sub) {
      const zz = z + off;
      renderTorso(scene.body, zz, plan.grid, buf);
      renderHeart(scene.heart, zz, plan.grid, buf);
      for (const t of scene.tubes) t.paint(zz, plan.grid, buf, boxes);
      renderSpine(scene.body, zz, plan.grid, buf);
      renderSternum(scene.body, zz, plan.grid, buf);
      const { hu: h, tissue } = buf;
      for (let i = 0; i < n; i++) {
        acc[i] += w * h[i];
        if (tissue[i] >= Tissue.Bone) bone[i] = 1;
      }
    }
    strength.fill(0);
    lab.fill(0);
    paintCalcium(lobes, z, plan, acc, lab, strength);
    if (plan.streakHu !== 0) {
      const st = sternumAt(p, z);
      if (st) paintStreak(acc, plan.grid, [0, st.y], [0, spineY(p, z)], plan.streakHu, plan.streakWidth);
    }
    state = addNoise(acc, plan.preNoiseSd, table, state);
    applyKernel(acc, tmp, nx, ny, plan.taps, pad);
    const o = k * n;
    for (let i = 0; i < n; i++) {
      const v = round(acc[i]);
      hu[o + i] = v < -1024 ? -1024 : v > 3071 ? 3071 : v;
      labels[o + i] = bone[i] ? 0 : lab[i];
    }
    if (boneMask) boneMask.set(bone, o);
  }
  return { hu, labels, boneMask };
}
