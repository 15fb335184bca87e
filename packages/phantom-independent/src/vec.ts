/** Minimal 3-vector helpers (patient LPS millimetres). */
export type Vec3 = [number, number, number];

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const normalize = (a: Vec3): Vec3 => scale(a, 1 / (norm(a) || 1));
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];
/** a + s*b */
export const madd = (a: Vec3, b: Vec3, s: number): Vec3 => [a[0] + b[0] * s, a[1] + b[1] * s, a[2] + b[2] * s];

/** Rodrigues rotation of v about unit axis k by angle (radians). */
export function rotate(v: Vec3, k: Vec3, angle: number): Vec3 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const kv = cross(k, v);
  const kd = dot(k, v) * (1 - c);
  return [v[0] * c + kv[0] * s + k[0] * kd, v[1] * c + kv[1] * s + k[1] * kd, v[2] * c + kv[2] * s + k[2] * kd];
}

/** Any unit vector perpendicular to unit u. */
export function perpendicular(u: Vec3): Vec3 {
  const t: Vec3 = Math.abs(u[0]) < 0.8 ? [1, 0, 0] : [0, 1, 0];
  return normalize(cross(u, t));
}

/** Catmull–Rom resampling of control points to roughly `stepMm` spacing. */
export function spline(ctrl: Vec3[], stepMm: number): Vec3[] {
  if (ctrl.length < 2) return ctrl.slice();
  const out: Vec3[] = [];
  for (let i = 0; i < ctrl.length - 1; i++) {
    const p0 = ctrl[Math.max(0, i - 1)]!;
    const p1 = ctrl[i]!;
    const p2 = ctrl[i + 1]!;
    const p3 = ctrl[Math.min(ctrl.length - 1, i + 2)]!;
    const n = Math.max(1, Math.ceil(norm(sub(p2, p1)) / stepMm));
    for (let j = 0; j < n; j++) {
      const t = j / n;
      const t2 = t * t;
      const t3 = t2 * t;
      const p: Vec3 = [0, 0, 0];
      for (let k = 0; k < 3; k++) {
        p[k] =
          0.5 *
          (2 * p1[k]! +
            (-p0[k]! + p2[k]!) * t +
            (2 * p0[k]! - 5 * p1[k]! + 4 * p2[k]! - p3[k]!) * t2 +
            (-p0[k]! + 3 * p1[k]! - 3 * p2[k]! + p3[k]!) * t3);
      }
      out.push(p);
    }
  }
  out.push(ctrl[ctrl.length - 1]!);
  return out;
}
