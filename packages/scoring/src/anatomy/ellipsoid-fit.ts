/** Fits a heart frame (principal axes and semi-axes) to a cloud of points, as a solid ellipsoid. */
import type { HeartFrame, Vec3 } from './heart-frame';

/**
 * The heart's long axis in a typical adult (LPS): about 45° to the patient's left of the sagittal plane in the axial
 * view and 25° caudal, from base to apex (left, anterior, down).
 */
export const TYPICAL_LONG_AXIS: Vec3 = normalise([
  Math.cos((25 * Math.PI) / 180) * Math.SQRT1_2,
  -Math.cos((25 * Math.PI) / 180) * Math.SQRT1_2,
  -Math.sin((25 * Math.PI) / 180),
]);

/** Largest angle (degrees) between a fitted principal axis and the typical long axis for it to be taken as the long axis. */
const MAX_AXIS_DEVIATION_DEG = 25;

export function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Eigenvectors (columns, by decreasing eigenvalue) of a symmetric 3×3 matrix, by Jacobi rotations. */
export function symmetricEigen(m: number[][]): { values: Vec3; vectors: Vec3[] } {
  const a = m.map((r) => [...r]);
  const v = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    if (off < 1e-18) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      if (Math.abs(a[p][q]) < 1e-30) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[k][p];
        const akq = a[k][q];
        a[k][p] = c * akp - s * akq;
        a[k][q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p][k];
        const aqk = a[q][k];
        a[p][k] = c * apk - s * aqk;
        a[q][k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k][p];
        const vkq = v[k][q];
        v[k][p] = c * vkp - s * vkq;
        v[k][q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[j][j] - a[i][i]);
  return {
    values: order.map((i) => a[i][i]) as Vec3,
    vectors: order.map((i) => [v[0][i], v[1][i], v[2][i]] as Vec3),
  };
}

/**
 * Heart frame of a point cloud (flat xyz triples, mm): centre = mean; long axis = the principal axis closest to the
 * typical long axis when within MAX_AXIS_DEVIATION_DEG of it (else the typical axis, since a truncated or irregular
 * mask says little about its direction); anterior axis = the patient's front made perpendicular to it; semi-axes
 * from the spread along each axis (a solid ellipsoid's variance along a semi-axis a is a²/5).
 */
export function fitHeartFrame(points: Float64Array): Omit<HeartFrame, 'aorticRootMm'> {
  const n = points.length / 3;
  const centre: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let a = 0; a < 3; a++) centre[a] += points[3 * i + a] / n;
  const cov = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const d = [points[3 * i] - centre[0], points[3 * i + 1] - centre[1], points[3 * i + 2] - centre[2]];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) cov[r][c] += (d[r] * d[c]) / n;
  }
  const { vectors } = symmetricEigen(cov);
  let longAxis = TYPICAL_LONG_AXIS;
  let bestCos = Math.cos((MAX_AXIS_DEVIATION_DEG * Math.PI) / 180);
  for (const vec of vectors) {
    const c = Math.abs(dot(vec, TYPICAL_LONG_AXIS));
    if (c > bestCos) {
      bestCos = c;
      longAxis = dot(vec, TYPICAL_LONG_AXIS) < 0 ? [-vec[0], -vec[1], -vec[2]] : vec;
    }
  }
  const front: Vec3 = [0, -1, 0];
  const along = dot(front, longAxis);
  const anteriorAxis = normalise([
    front[0] - along * longAxis[0],
    front[1] - along * longAxis[1],
    front[2] - along * longAxis[2],
  ]);
  const thirdAxis = cross(longAxis, anteriorAxis);
  const axes = [longAxis, anteriorAxis, thirdAxis];
  const variances = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const d: Vec3 = [points[3 * i] - centre[0], points[3 * i + 1] - centre[1], points[3 * i + 2] - centre[2]];
    axes.forEach((axis, k) => (variances[k] += dot(d, axis) ** 2 / n));
  }
  const radiiMm = variances.map((v) => Math.sqrt(5 * v)) as Vec3;
  return { centreMm: centre, longAxis, anteriorAxis, thirdAxis, radiiMm };
}
