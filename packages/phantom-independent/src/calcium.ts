/**
 * Calcium: coronary deposits (burden class per study, LAD most often involved, elongated along the vessel) and
 * non-coronary calcium (aortic wall, aortic valve, mitral annulus, calcified lymph nodes, costal cartilage).
 * Every deposit is a small sum of anisotropic Gaussian lobes, so the scanner's blur, slice profile and cardiac
 * motion can be applied exactly (Gaussian * Gaussian = Gaussian) both to the image and to the label footprint.
 */
import { Body } from './body';
import { Heart } from './heart';
import { Patient } from './patient';
import { Rng } from './rng';
import { Vec3, add, cross, madd, normalize, norm, perpendicular, scale, sub } from './vec';
import { Coronary, Vessels } from './vessels';

/** Symmetric 3x3 covariance packed as xx, xy, xz, yy, yz, zz (mm^2). */
export type Cov = [number, number, number, number, number, number];

export interface Lobe {
  c: Vec3;
  cov: Cov;
  /** Intrinsic peak HU added above the tissue (before any blur). */
  amp: number;
}

export interface Deposit {
  label: number;
  centreMm: Vec3;
  kind: string;
  lobes: Lobe[];
}

export interface ScannerBlur {
  /** In-plane Gaussian-equivalent kernel SD (mm), pixel spacing (mm), slice-profile SD (mm). */
  sigmaMm: number;
  px: number;
  sspSigma: number;
  motion: boolean;
  /** Cardiac motion severity (0 = still). */
  motionSeverity: number;
}

export function frameCov(t: Vec3, n1: Vec3, n2: Vec3, st: number, s1: number, s2: number): Cov {
  const c: Cov = [0, 0, 0, 0, 0, 0];
  const idx = [
    [0, 0],
    [0, 1],
    [0, 2],
    [1, 1],
    [1, 2],
    [2, 2],
  ];
  for (let k = 0; k < 6; k++) {
    const [a, b] = idx[k];
    c[k] = st * st * t[a] * t[b] + s1 * s1 * n1[a] * n1[b] + s2 * s2 * n2[a] * n2[b];
  }
  return c;
}

export function det(c: Cov): number {
  const [xx, xy, xz, yy, yz, zz] = c;
  return xx * (yy * zz - yz * yz) - xy * (xy * zz - yz * xz) + xz * (xy * yz - yy * xz);
}

export function addDiag(c: Cov, dx: number, dy: number, dz: number): Cov {
  return [c[0] + dx, c[1], c[2], c[3] + dy, c[4], c[5] + dz];
}

/** Peak after convolving lobe (cov, amp) with a normalised Gaussian of covariance diag(dx, dy, dz). */
export function blurredPeak(l: Lobe, dx: number, dy: number, dz: number): number {
  return l.amp * Math.sqrt(det(l.cov) / det(addDiag(l.cov, dx, dy, dz)));
}

const FWHM = 2.3548;

function pointAt(v: Coronary, s: number): { q: Vec3; t: Vec3; r: number } {
  const arc = v.arc;
  let i = 1;
  while (i < arc.length - 1 && arc[i] < s) i++;
  const a = v.points[i - 1];
  const b = v.points[i];
  const f = Math.max(0, Math.min(1, (s - arc[i - 1]) / (arc[i] - arc[i - 1] || 1)));
  return {
    q: [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f],
    t: normalize(sub(b, a)),
    r: v.radii[i - 1] + (v.radii[i] - v.radii[i - 1]) * f,
  };
}

type Burden = 'zero' | 'minimal' | 'mild' | 'moderate' | 'severe';

const BURDEN: Record<
  Exclude<Burden, 'zero'>,
  { n: [number, number]; len: [number, number]; wid: [number, number]; amp: [number, number] }
> = {
  minimal: { n: [1, 2], len: [2, 3.5], wid: [1.3, 2], amp: [300, 550] },
  mild: { n: [1, 4], len: [2.5, 5], wid: [1.6, 3], amp: [300, 750] },
  moderate: { n: [3, 8], len: [3, 7], wid: [2, 3.5], amp: [400, 900] },
  severe: { n: [7, 15], len: [4, 8], wid: [2.5, 4.2], amp: [550, 1000] },
};

function coronaryDeposit(rng: Rng, v: Coronary, cls: (typeof BURDEN)['mild'], f: number): Deposit {
  const L = v.arc[v.arc.length - 1];
  const frac = v.name === 'LM' ? rng.uniform(0.1, 0.9) : Math.pow(rng.next(), 1.5) * 0.85 + 0.03;
  const s = frac * L;
  const { q, t, r } = pointAt(v, s);
  const kind = rng.weighted([
    ['spotty', 0.25],
    ['elongated', 0.35],
    ['lobulated', 0.3],
    ['ring', 0.1],
  ] as const);
  let len = rng.uniform(cls.len[0], cls.len[1]);
  if (kind === 'spotty') len = Math.min(len, rng.uniform(1, 3));
  const wid = Math.min(rng.uniform(cls.wid[0], cls.wid[1]), 2 * r + 1.5);
  const thick = wid * rng.uniform(0.6, 1);
  const amp = rng.uniform(cls.amp[0], cls.amp[1]) * f;
  const n1 = normalize(cross(t, perpendicular(t)));
  const spin = rng.uniform(0, 2 * Math.PI);
  const tn = normalize(add(scale(n1, Math.cos(spin)), scale(cross(t, n1), Math.sin(spin))));
  const tb = cross(t, tn);
  const lobes: Lobe[] = [];
  if (kind === 'lobulated') {
    const n = rng.int(2, 3);
    for (let k = 0; k < n; k++) {
      const sk = s + (k / (n - 1) - 0.5) * len * 0.7;
      const at = pointAt(v, Math.max(0, Math.min(L, sk)));
      const off = at.r * rng.uniform(0.2, 0.6);
      lobes.push({
        c: madd(at.q, tn, off),
        cov: frameCov(at.t, tb, tn, (len / n / FWHM) * 1.5, wid / FWHM, thick / FWHM),
        amp: amp * rng.uniform(0.7, 1),
      });
    }
  } else if (kind === 'ring') {
    for (let k = 0; k < 3; k++) {
      const ang = spin + k * rng.uniform(0.9, 1.3);
      const dir = normalize(add(scale(tn, Math.cos(ang)), scale(tb, Math.sin(ang))));
      lobes.push({
        c: madd(q, dir, r * 0.9),
        cov: frameCov(t, cross(t, dir), dir, len / FWHM, (wid * 0.8) / FWHM, 0.9 / FWHM),
        amp: amp * rng.uniform(0.8, 1.1),
      });
    }
  } else {
    lobes.push({
      c: madd(q, tn, r * rng.uniform(0.2, 0.7)),
      cov: frameCov(t, tb, tn, len / FWHM, wid / FWHM, thick / FWHM),
      amp,
    });
  }
  return { label: v.label, centreMm: centroid(lobes), kind, lobes };
}

function centroid(lobes: Lobe[]): Vec3 {
  const c: Vec3 = [0, 0, 0];
  for (const l of lobes) for (let k = 0; k < 3; k++) c[k] += l.c[k] / lobes.length;
  return c;
}

function depositPeak(d: Deposit, b: ScannerBlur): number {
  const pix = (b.px * b.px) / 12;
  const s2 = b.sigmaMm * b.sigmaMm + pix;
  return Math.max(...d.lobes.map((l) => blurredPeak(l, s2, s2, b.sspSigma * b.sspSigma)));
}

function coronaryCalcium(rng: Rng, p: Patient, v: Vessels, blur: ScannerBlur): Deposit[] {
  const pZero = Math.max(0.12, Math.min(0.55, 0.62 - (p.age - 40) * 0.012 - (p.male ? 0.08 : 0)));
  const pz = Math.min(0.5, Math.max(0.15, pZero * 0.5 + 0.15));
  const burden = rng.weighted<Burden>([
    ['zero', pz],
    ['minimal', 0.1],
    ['mild', 0.2],
    ['moderate', 0.2],
    ['severe', 0.2 + (p.age > 65 ? 0.05 : 0)],
  ]);
  if (burden === 'zero') return [];
  const cls = BURDEN[burden];
  const byName = (n: Coronary['name']) => v.coronaries.find((c) => c.name === n) as Coronary;
  const n = rng.int(cls.n[0], cls.n[1]);
  const out: Deposit[] = [];
  for (let k = 0; k < n; k++) {
    const name =
      k === 0 && rng.chance(0.7)
        ? 'LAD'
        : rng.weighted<Coronary['name']>([
            ['LM', 0.08],
            ['LAD', 0.38],
            ['LCX', 0.2],
            ['RCA', 0.28],
            ['D1', 0.03],
            ['OM1', 0.03],
          ]);
    let d = coronaryDeposit(rng, byName(name), cls, p.calciumFactor);
    // The first deposit of a calcified study must be visible above 130 HU after blur.
    for (let tries = 0; k === 0 && tries < 30 && depositPeak(d, blur) < 300; tries++) {
      d = coronaryDeposit(rng, byName(name), tries > 10 ? BURDEN.severe : cls, p.calciumFactor);
    }
    out.push(d);
  }
  return out;
}

function otherCalcium(rng: Rng, p: Patient, h: Heart, v: Vessels, body: Body): Deposit[] {
  const out: Deposit[] = [];
  const f = p.calciumFactor;
  const old = Math.max(0, (p.age - 45) / 40);
  // Aortic wall plaques (arch and descending).
  const nAo = Math.round(old * rng.uniform(0, 14));
  const aArc: number[] = [0];
  for (let i = 1; i < v.aorta.length; i++) aArc.push(aArc[i - 1] + norm(sub(v.aorta[i], v.aorta[i - 1])));
  for (let k = 0; k < nAo; k++) {
    const i = rng.int(Math.floor(v.aorta.length * 0.2), v.aorta.length - 2);
    const t = normalize(sub(v.aorta[i + 1], v.aorta[i]));
    const n1 = perpendicular(t);
    const ang = rng.uniform(0, 2 * Math.PI);
    const rad = normalize(add(scale(n1, Math.cos(ang)), scale(cross(t, n1), Math.sin(ang))));
    const c = madd(v.aorta[i], rad, v.aortaR[i] - 0.6);
    const lobes = [
      {
        c,
        cov: frameCov(
          t,
          cross(t, rad),
          rad,
          rng.uniform(2, 9) / FWHM,
          rng.uniform(2, 7) / FWHM,
          rng.uniform(0.8, 1.6) / FWHM,
        ),
        amp: rng.uniform(250, 800) * f,
      },
    ];
    out.push({ label: 5, centreMm: c, kind: 'aortic-wall', lobes });
  }
  // Aortic valve.
  if (rng.chance(Math.min(0.45, old * 0.5))) {
    const ax = v.rootAxis;
    const n1 = perpendicular(ax);
    const base = madd(v.root, ax, -3);
    const lobes: Lobe[] = [];
    const m = rng.int(1, 4);
    for (let k = 0; k < m; k++) {
      const ang = rng.uniform(0, 2 * Math.PI);
      const dir = normalize(add(scale(n1, Math.cos(ang)), scale(cross(ax, n1), Math.sin(ang))));
      lobes.push({
        c: madd(base, dir, v.rootR * rng.uniform(0.4, 0.8)),
        cov: frameCov(ax, dir, cross(ax, dir), 1.6, 1.3, 1.1),
        amp: rng.uniform(300, 900) * f,
      });
    }
    out.push({ label: 5, centreMm: centroid(lobes), kind: 'aortic-valve', lobes });
  }
  // Mitral annulus: a partial ring at the left AV junction inside the myocardium.
  if (rng.chance(0.08 + old * 0.25 + (p.male ? 0 : 0.05))) {
    const u = h.avU + 0.04;
    const lp = normalize(add(sub([1, 0, 0], scale(h.e1, h.e1[0])), scale(sub([0, 1, 0], scale(h.e1, h.e1[1])), 0.8)));
    const rho = Math.min(h.a2, h.a3) * Math.sqrt(1 - u * u);
    const centre = madd(madd(h.c, h.e1, h.a1 * u), lp, rho * 0.42);
    const b1 = lp;
    const b2 = cross(h.e1, lp);
    const ringR = rho * 0.32;
    const a0 = rng.uniform(-0.5, 0.5);
    const span = rng.uniform(1.5, 4.2);
    const lobes: Lobe[] = [];
    const amp = rng.uniform(300, 800) * f;
    const nL = Math.max(2, Math.round((span * ringR) / 3.5));
    for (let k = 0; k < nL; k++) {
      const ang = a0 + (k / (nL - 1) - 0.5) * span;
      const dir = normalize(add(scale(b1, Math.cos(ang)), scale(b2, Math.sin(ang))));
      const tan = cross(h.e1, dir);
      lobes.push({
        c: madd(centre, dir, ringR),
        cov: frameCov(tan, dir, h.e1, 2.2, 1.2, 1.4),
        amp: amp * rng.uniform(0.75, 1.05),
      });
    }
    out.push({ label: 5, centreMm: centroid(lobes), kind: 'mitral-annulus', lobes });
  }
  // Calcified lymph nodes: subcarinal, hilar, next to the left main.
  if (rng.chance(0.3)) {
    const lm = v.coronaries.find((c) => c.name === 'LM') as Coronary;
    const lmMid = lm.points[Math.floor(lm.points.length / 2)];
    const sites: Vec3[] = [
      add(v.carina, [rng.uniform(-5, 5), 6, -rng.uniform(14, 22)]),
      add(v.hila[0], [6, 0, 0]),
      add(v.hila[1], [-6, 0, 0]),
    ];
    const nearLm = madd(lmMid, normalize([rng.uniform(-0.3, 0.3), 0.5, 1]), rng.uniform(11, 15));
    sites.push(nearLm);
    const m = rng.int(1, 3);
    for (let k = 0; k < m; k++) {
      const c = k === 0 && rng.chance(0.4) ? nearLm : rng.pick(sites);
      let tooClose = false;
      for (const cor of v.coronaries) for (const q of cor.points) if (norm(sub(q, c)) < 9) tooClose = true;
      if (tooClose) continue;
      const s = rng.uniform(1.2, 2.8);
      const lobes = [
        {
          c,
          cov: [s * s, 0, 0, s * s * rng.uniform(0.6, 1.4), 0, s * s * rng.uniform(0.6, 1.4)] as Cov,
          amp: rng.uniform(300, 900) * f,
        },
      ];
      out.push({ label: 5, centreMm: c, kind: 'lymph-node', lobes });
    }
  }
  // Costal cartilage calcification (older patients).
  const nCart = Math.round(Math.max(0, (p.age - 50) / 35) * rng.uniform(0, 10));
  for (let k = 0; k < nCart && body.cartilagePaths.length > 0; k++) {
    const path = rng.pick(body.cartilagePaths);
    const i = rng.int(0, path.length - 2);
    const t = normalize(sub(path[i + 1], path[i]));
    const n1 = perpendicular(t);
    const lobes: Lobe[] = [];
    const m = rng.int(1, 4);
    for (let j = 0; j < m; j++) {
      const c = madd(madd(path[i], t, j * rng.uniform(2, 4)), n1, rng.uniform(-2.5, 2.5));
      const s = rng.uniform(0.9, 2);
      lobes.push({ c, cov: frameCov(t, n1, cross(t, n1), s * 1.4, s, s), amp: rng.uniform(150, 500) * f - 60 });
    }
    out.push({ label: 5, centreMm: centroid(lobes), kind: 'costal-cartilage', lobes });
  }
  return out;
}

/** Cardiac motion for non-gated scans: blur along a direction, sometimes a doubled (ghost) copy. */
function applyMotion(rng: Rng, d: Deposit, severity: number, vesselName: string): Deposit {
  const range: Record<string, [number, number, number]> = {
    RCA: [1.5, 7, 0.35],
    LCX: [1.2, 6, 0.25],
    LAD: [0.8, 4, 0.15],
    LM: [0.5, 2.5, 0.05],
    other: [0.5, 3, 0.1],
  };
  const [lo, hi, pDouble] = range[vesselName] ?? range.other;
  const L = rng.uniform(lo, hi) * severity;
  if (L < 0.3) return d;
  const m = normalize([rng.normal(), rng.normal(), rng.normal() * 0.5]);
  const doubled = severity > 0.5 && rng.chance(pDouble);
  const mc = frameCov(m, perpendicular(m), cross(m, perpendicular(m)), 1, 0, 0);
  const lobes: Lobe[] = [];
  for (const l of d.lobes) {
    if (doubled) {
      const w = rng.uniform(0.55, 0.75);
      const sep = Math.max(2, L);
      const blur2 = (0.25 * 0.25 * sep * sep) / 12;
      const cv = l.cov.map((x, k) => x + mc[k] * blur2) as Cov;
      lobes.push({ c: madd(l.c, m, -sep / 2), cov: cv, amp: l.amp * w * Math.sqrt(det(l.cov) / det(cv)) });
      lobes.push({ c: madd(l.c, m, sep / 2), cov: cv, amp: l.amp * (1.15 - w) * Math.sqrt(det(l.cov) / det(cv)) });
    } else {
      const cv = l.cov.map((x, k) => x + (mc[k] * L * L) / 12) as Cov;
      lobes.push({ c: l.c, cov: cv, amp: l.amp * Math.sqrt(det(l.cov) / det(cv)) });
    }
  }
  return { ...d, kind: `${d.kind}+motion-${doubled ? 'double' : 'blur'}`, lobes };
}

export function buildCalcium(rng: Rng, p: Patient, h: Heart, v: Vessels, body: Body, blur: ScannerBlur): Deposit[] {
  const cor = coronaryCalcium(rng.fork(1), p, v, blur);
  const other = otherCalcium(rng.fork(2), p, h, v, body);
  if (!blur.motion) return [...cor, ...other];
  const mr = rng.fork(3);
  const names = ['', 'LM', 'LAD', 'LCX', 'RCA'];
  const moved = cor.map((d) => applyMotion(mr, d, blur.motionSeverity, names[d.label]));
  const movedOther = other.map((d) =>
    d.kind === 'mitral-annulus' || d.kind === 'aortic-valve'
      ? applyMotion(mr, d, blur.motionSeverity * 0.6, 'other')
      : d,
  );
  return [...moved, ...movedOther];
}
