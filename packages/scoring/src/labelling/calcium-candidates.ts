/**
 * Candidate calcium lesions: 3-D (26-connected) components of native voxels at or above the calcium threshold inside
 * a box, each with what the anatomical rules look at — size, peak, centroid, and what surrounds it in-plane (fat,
 * lung, soft tissue) 2–4 mm out.
 */
import type { Volume } from '@cacscreen/dicom';
import { voxelToPatientMm } from '@cacscreen/dicom';
import type { Vec3 } from '../anatomy/heart-frame';

export interface NativeBox {
  lo: Vec3;
  hi: Vec3;
}

export interface Candidate {
  voxels: number[];
  volumeMm3: number;
  peakHu: number;
  centroidMm: Vec3;
  /** Largest extent along any patient axis, mm. */
  extentMm: number;
  /** Shares of the in-plane shell 2–4 mm around the candidate: fat (−250…−20 HU), lung (< −500), other. */
  fatShare: number;
  lungShare: number;
  /** Highest 3 × 3 in-plane mean over the candidate's voxels: noise spikes average out, calcium does not. */
  smoothedPeakHu: number;
  /** Median HU of the shell: the tissue the candidate sits in. */
  shellHu: number;
}

const SHELL_MM = [2, 3, 4];
/**
 * Highest HU that counts as fat. Thin epicardial fat next to a coronary reads well above fat's −100 on thick
 * non-gated slices (partial volume with the vessel and myocardium: −20 … +20 HU around the real left-main plaque of
 * A0001 on 5 mm slices). −20 keeps part of such a shell as fat; higher ceilings (−10, 0) let a calcified hilar node
 * by soft tissue pass as coronary on the real A0002 scans.
 */
const FAT_MAX_HU = -20;
const DIRECTIONS = Array.from({ length: 12 }, (_, k) => [Math.cos((k * Math.PI) / 6), Math.sin((k * Math.PI) / 6)]);

export function findCandidates(volume: Volume, box: NativeBox, thresholdHu: number): Candidate[] {
  const [nx, ny] = volume.dims;
  const plane = nx * ny;
  const hu = volume.hu;
  const seen = new Uint8Array(hu.length);
  const stack: number[] = [];
  const out: Candidate[] = [];
  const [x0, y0, z0] = box.lo;
  const [x1, y1, z1] = box.hi;
  const voxelMm3 = volume.spacingMm[0] * volume.spacingMm[1] * volume.spacingMm[2];
  for (let z = z0; z <= z1; z++) {
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const start = x + y * nx + z * plane;
        if (seen[start] || hu[start] < thresholdHu) continue;
        const voxels: number[] = [];
        seen[start] = 1;
        stack.push(start);
        while (stack.length) {
          const v = stack.pop() as number;
          voxels.push(v);
          const vx = v % nx;
          const vy = ((v - vx) / nx) % ny;
          const vz = (v - vx - vy * nx) / plane;
          for (let dz = -1; dz <= 1; dz++) {
            const zz = vz + dz;
            if (zz < z0 || zz > z1) continue;
            for (let dy = -1; dy <= 1; dy++) {
              const yy = vy + dy;
              if (yy < y0 || yy > y1) continue;
              for (let dx = -1; dx <= 1; dx++) {
                const xx = vx + dx;
                if (xx < x0 || xx > x1) continue;
                const w = xx + yy * nx + zz * plane;
                if (!seen[w] && hu[w] >= thresholdHu) {
                  seen[w] = 1;
                  stack.push(w);
                }
              }
            }
          }
        }
        out.push(describe(volume, voxels, voxelMm3));
      }
    }
  }
  return out;
}

function describe(volume: Volume, voxels: number[], voxelMm3: number): Candidate {
  const [nx, ny, nz] = volume.dims;
  const plane = nx * ny;
  const [px, py] = volume.spacingMm;
  let peak = -Infinity;
  // Index sums and bounds (integer work per voxel), turned into patient millimetres once at the end.
  let sx = 0;
  let sy = 0;
  let sz = 0;
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const v of voxels) {
    if (volume.hu[v] > peak) peak = volume.hu[v];
    const x = v % nx;
    const y = ((v - x) / nx) % ny;
    const z = (v - x - y * nx) / plane;
    sx += x;
    sy += y;
    sz += z;
    if (x < lo[0]) lo[0] = x;
    if (y < lo[1]) lo[1] = y;
    if (z < lo[2]) lo[2] = z;
    if (x > hi[0]) hi[0] = x;
    if (y > hi[1]) hi[1] = y;
    if (z > hi[2]) hi[2] = z;
  }
  // The shell: sample a few voxels of the candidate (all of a small one) and look around each in its slice; the
  // smoothed peak is taken over the same samples.
  let smoothedPeak = -Infinity;
  let fat = 0;
  let lung = 0;
  let total = 0;
  const shell: number[] = [];
  const stride = Math.max(1, Math.floor(voxels.length / 64));
  for (let k = 0; k < voxels.length; k += stride) {
    const v = voxels[k];
    const x = v % nx;
    const y = ((v - x) / nx) % ny;
    const z = (v - x - y * nx) / plane;
    if (z < 0 || z >= nz) continue;
    let mean = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const xx = Math.min(nx - 1, Math.max(0, x + dx));
        const yy = Math.min(ny - 1, Math.max(0, y + dy));
        mean += volume.hu[xx + yy * nx + z * plane] / 9;
      }
    }
    if (mean > smoothedPeak) smoothedPeak = mean;
    for (const r of SHELL_MM) {
      for (const [cx, cy] of DIRECTIONS) {
        const xx = Math.round(x + (cx * r) / px);
        const yy = Math.round(y + (cy * r) / py);
        if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
        const h = volume.hu[xx + yy * nx + z * plane];
        if (h >= 130) continue; // calcium of the same lesion or a neighbour says nothing of the surroundings
        total++;
        shell.push(h);
        if (h < -500) lung++;
        else if (h >= -250 && h <= FAT_MAX_HU) fat++;
      }
    }
  }
  const n = voxels.length;
  return {
    voxels,
    volumeMm3: n * voxelMm3,
    peakHu: peak,
    centroidMm: voxelToPatientMm(volume, sx / n, sy / n, sz / n),
    extentMm: Math.max(...[0, 1, 2].map((a) => (hi[a] - lo[a]) * volume.spacingMm[a])),
    fatShare: total ? fat / total : 0,
    lungShare: total ? lung / total : 0,
    smoothedPeakHu: smoothedPeak,
    shellHu: shell.length ? shell.sort((a, b) => a - b)[shell.length >> 1] : 0,
  };
}
