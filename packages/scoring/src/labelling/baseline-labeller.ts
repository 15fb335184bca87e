/**
 * labelCalciumBaseline: a non-learned, image-only calcium labeller — the baseline the CNN must beat.
 *
 * 1–3. Body and lungs, mediastinum, and the heart: `baseline-heart.ts` (also the CNN's crop).
 * 4. Candidates: 3D 26-connected components of voxels ≥ 130 HU inside the body. Large ones (> 1500 mm³ or > 60 mm
 *    long) are bone (label 0), and so are small ones within ~3 mm of bone. With noisy images, small components must also clear a noise-aware peak test.
 * 5. A candidate in the mediastinum is coronary when it lies in the heart zone (an ellipsoid around the heart centre)
 *    and has epicardial fat around it (coronaries run in fat; valve and annulus calcium sit in soft tissue); other
 *    mediastinal candidates get 5 (other calcium); candidates outside the mediastinum are left 0.
 * 6. Artery from the position in a typical heart frame (long axis 45° left of the sagittal plane, 25° caudal):
 *    base side near the aortic root → LM; right side → RCA; anterior → LAD; posterior-left → LCX.
 * Assumes an axial acquisition (direction cosines ±1 along patient axes). Known failure modes: docs/phantom.md.
 */
import { voxelToPatientMm, type Volume } from '@cacscreen/dicom';
import { axisSigns, bodyLungMediastinum, bodyMidline, findHeart } from './baseline-heart';
import { CalciumLabel } from '../labels';

const CALCIUM_HU = 130;
const FAT_LO_HU = -250;
const FAT_HI_HU = -30;
const BONE_VOLUME_MM3 = 1500;
const BONE_LENGTH_MM = 60;
/** Minimum fat fraction within 3 mm (in-plane) of a coronary candidate. */
const FAT_CLOSE_MIN = 0.3;
const DEG = Math.PI / 180;

export interface BaselineDiagnostics {
  heartCentreMm: [number, number, number] | null;
  heartRadiusMm: number;
  noiseHu: number;
  candidates: number;
  boneComponents: number;
  /** One record per candidate component (≥ 130 HU, inside the body): what was decided and why. */
  components: CandidateRecord[];
}

export interface CandidateRecord {
  /** Centroid, voxel coordinates (x, y, z). */
  centre: [number, number, number];
  voxels: number;
  peakHu: number;
  label: CalciumLabel;
  /** Why: bone | near-bone | noise | outside | coronary | not-fat | aorta | ... */
  reason: string;
  fat: number;
  fatClose: number;
  /** Offset from the heart centre, mm, patient axes. */
  offsetMm: [number, number, number];
}

/** Robust noise estimate: MAD of horizontal neighbour differences among soft-tissue pixels. */
function estimateNoise(v: Volume, mediastinum: Uint8Array): number {
  const diffs: number[] = [];
  const step = Math.max(1, Math.floor(v.hu.length / 400000));
  for (let i = 1; i < v.hu.length; i += step) {
    if (!mediastinum[i] || !mediastinum[i - 1]) continue;
    const a = v.hu[i];
    const b = v.hu[i - 1];
    if (a > -30 && a < 110 && b > -30 && b < 110) diffs.push(a - b > 0 ? a - b : b - a);
  }
  if (diffs.length < 100) return 0;
  diffs.sort((p, q) => p - q);
  // For independent Gaussian noise, |a − b| has median 0.6745·√2·σ.
  return diffs[diffs.length >> 1] / (0.6745 * Math.SQRT2);
}

interface Component {
  voxels: number[];
  peak: number;
  sum: [number, number, number];
  min: [number, number, number];
  max: [number, number, number];
  mediastinal: number;
}

function components(v: Volume, region: Uint8Array, mediastinum: Uint8Array): Component[] {
  const [cols, rows, slices] = v.dims;
  const plane = cols * rows;
  const seen = new Uint8Array(v.hu.length);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let i = 0; i < v.hu.length; i++) {
    if (seen[i] || v.hu[i] < CALCIUM_HU || region[i] !== 1) continue;
    const c: Component = {
      voxels: [],
      peak: -Infinity,
      sum: [0, 0, 0],
      min: [cols, rows, slices],
      max: [0, 0, 0],
      mediastinal: 0,
    };
    seen[i] = 1;
    stack.push(i);
    while (stack.length > 0) {
      const q = stack.pop()!;
      c.voxels.push(q);
      const qz = (q / plane) | 0;
      const rem = q - qz * plane;
      const qy = (rem / cols) | 0;
      const qx = rem - qy * cols;
      const hu = v.hu[q];
      if (hu > c.peak) c.peak = hu;
      c.mediastinal += mediastinum[q];
      c.sum[0] += qx;
      c.sum[1] += qy;
      c.sum[2] += qz;
      if (qx < c.min[0]) c.min[0] = qx;
      if (qy < c.min[1]) c.min[1] = qy;
      if (qz < c.min[2]) c.min[2] = qz;
      if (qx > c.max[0]) c.max[0] = qx;
      if (qy > c.max[1]) c.max[1] = qy;
      if (qz > c.max[2]) c.max[2] = qz;
      for (let dz = -1; dz <= 1; dz++) {
        const nz = qz + dz;
        if (nz < 0 || nz >= slices) continue;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = qy + dy;
          if (ny < 0 || ny >= rows) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = qx + dx;
            if (nx < 0 || nx >= cols) continue;
            const n = nz * plane + ny * cols + nx;
            if (!seen[n] && v.hu[n] >= CALCIUM_HU && region[n] === 1) {
              seen[n] = 1;
              stack.push(n);
            }
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** True when a small component lies within ~3 mm in-plane (and one slice) of bone: a bone fragment or its rim. */
function nearBone(v: Volume, bone: Uint8Array, c: Component): boolean {
  const [cols, rows, slices] = v.dims;
  const plane = cols * rows;
  const gx = Math.max(1, Math.round(3 / v.spacingMm[0]));
  const gy = Math.max(1, Math.round(3 / v.spacingMm[1]));
  for (const q of c.voxels) {
    const qz = (q / plane) | 0;
    const rem = q - qz * plane;
    const qy = (rem / cols) | 0;
    const qx = rem - qy * cols;
    for (let z = qz > 0 ? qz - 1 : 0; z <= qz + 1 && z < slices; z++) {
      for (let y = qy - gy < 0 ? 0 : qy - gy; y <= qy + gy && y < rows; y++) {
        for (let x = qx - gx < 0 ? 0 : qx - gx; x <= qx + gx && x < cols; x++) {
          if (bone[z * plane + y * cols + x]) return true;
        }
      }
    }
  }
  return false;
}

/** Fraction of fat voxels in the shell between the component's box and the box grown by ~4 mm. */
function fatAround(v: Volume, c: Component): number {
  const [cols, rows, slices] = v.dims;
  const [sx, sy, sz] = v.spacingMm;
  const gx = Math.max(1, Math.round(4 / sx));
  const gy = Math.max(1, Math.round(4 / sy));
  const gz = Math.max(1, Math.round(4 / sz));
  let fat = 0;
  let total = 0;
  for (let z = Math.max(0, c.min[2] - gz); z <= Math.min(slices - 1, c.max[2] + gz); z++) {
    for (let y = Math.max(0, c.min[1] - gy); y <= Math.min(rows - 1, c.max[1] + gy); y++) {
      for (let x = Math.max(0, c.min[0] - gx); x <= Math.min(cols - 1, c.max[0] + gx); x++) {
        const inside =
          x >= c.min[0] && x <= c.max[0] && y >= c.min[1] && y <= c.max[1] && z >= c.min[2] && z <= c.max[2];
        if (inside) continue;
        const hu = v.hu[z * cols * rows + y * cols + x];
        total++;
        if (hu >= FAT_LO_HU && hu <= FAT_HI_HU) fat++;
      }
    }
  }
  return total > 0 ? fat / total : 0;
}

/**
 * Fat fraction of the in-plane ring within `mm` of the component's voxels (same slices, voxels < 130 HU): coronary
 * calcium sits in a vessel sleeve of epicardial fat, annulus calcium inside the myocardium has little fat this close.
 */
function fatNear(v: Volume, c: Component, mm: number, mark: Uint8Array): number {
  const [cols, rows] = v.dims;
  const plane = cols * rows;
  const gx = Math.max(1, Math.round(mm / v.spacingMm[0]));
  const gy = Math.max(1, Math.round(mm / v.spacingMm[1]));
  const r2 = (gx + 0.5) * (gy + 0.5);
  let fat = 0;
  let total = 0;
  const touched: number[] = [];
  for (const q of c.voxels) {
    const qz = (q / plane) | 0;
    const rem = q - qz * plane;
    const qy = (rem / cols) | 0;
    const qx = rem - qy * cols;
    for (let dy = -gy; dy <= gy; dy++) {
      const y = qy + dy;
      if (y < 0 || y >= rows) continue;
      for (let dx = -gx; dx <= gx; dx++) {
        const x = qx + dx;
        if (x < 0 || x >= cols || dx * dx + dy * dy > r2) continue;
        const i = qz * plane + y * cols + x;
        if (mark[i]) continue;
        mark[i] = 1;
        touched.push(i);
        const hu = v.hu[i];
        if (hu >= CALCIUM_HU) continue;
        total++;
        if (hu >= FAT_LO_HU && hu <= FAT_HI_HU) fat++;
      }
    }
  }
  for (const i of touched) mark[i] = 0;
  return total > 0 ? fat / total : 0;
}

/** Typical heart frame: long axis (base → apex), anterior and left unit vectors, in patient (LPS) axes. */
function typicalHeartFrame(): { axis: number[]; anterior: number[]; left: number[] } {
  const az = 45 * DEG;
  const el = 25 * DEG;
  const axis = [Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), -Math.sin(el)];
  const d = -axis[1];
  const ant = [0 - d * axis[0], -1 - d * axis[1], 0 - d * axis[2]];
  const na = Math.hypot(ant[0], ant[1], ant[2]);
  const anterior = ant.map((a) => a / na);
  const left = [
    axis[1] * anterior[2] - axis[2] * anterior[1],
    axis[2] * anterior[0] - axis[0] * anterior[2],
    axis[0] * anterior[1] - axis[1] * anterior[0],
  ];
  if (left[0] < 0) for (let k = 0; k < 3; k++) left[k] = -left[k];
  return { axis, anterior, left };
}

/** Artery of a coronary candidate from its offset (mm, patient axes) to the heart centre. */
export function arteryByPosition(offsetMm: [number, number, number], heartRadiusMm: number): CalciumLabel {
  const { axis, anterior, left } = typicalHeartFrame();
  const along = offsetMm[0] * axis[0] + offsetMm[1] * axis[1] + offsetMm[2] * axis[2];
  const a = offsetMm[0] * anterior[0] + offsetMm[1] * anterior[1] + offsetMm[2] * anterior[2];
  const l = offsetMm[0] * left[0] + offsetMm[1] * left[1] + offsetMm[2] * left[2];
  const phi = Math.atan2(l, a) / DEG; // 0 anterior, +90 left, ±180 posterior, −90 right
  const t = along / (heartRadiusMm * 1.25);
  const radial = Math.hypot(a, l);
  if (phi < -15 && phi > -170) return CalciumLabel.RCA;
  // Left main: on the base side of the heart (towards the aortic root) and inside the atrioventricular ring.
  if (t < -0.5 && radial < heartRadiusMm * 0.75 && phi > -15 && phi < 100) return CalciumLabel.LM;
  if (phi >= -15 && phi < 70) return CalciumLabel.LAD;
  return CalciumLabel.LCX;
}

/**
 * Labels calcium in a CT volume (CalciumLabel per voxel, same layout as volume.hu) from the image alone.
 * Pass `diagnostics` to receive what the method found (heart centre, noise estimate, component counts).
 */
export function labelCalciumBaseline(volume: Volume, diagnostics?: Partial<BaselineDiagnostics>): Uint8Array {
  const labels = new Uint8Array(volume.hu.length);
  const [sx, sy, sz] = volume.spacingMm;
  const signs = axisSigns(volume);
  const { region, mediastinum } = bodyLungMediastinum(volume);
  const heart = findHeart(volume, region, mediastinum, bodyMidline(volume, region), signs[0]);
  const noise = estimateNoise(volume, mediastinum);
  const cands = components(volume, region, mediastinum);
  const voxelMm3 = sx * sy * sz;
  const bone = new Uint8Array(volume.hu.length);
  const isBone = (c: Component) => {
    const extent = Math.max(
      (c.max[0] - c.min[0] + 1) * sx,
      (c.max[1] - c.min[1] + 1) * sy,
      (c.max[2] - c.min[2] + 1) * sz,
    );
    return c.voxels.length * voxelMm3 > BONE_VOLUME_MM3 || extent > BONE_LENGTH_MM;
  };
  let bones = 0;
  for (const c of cands) {
    if (!isBone(c)) continue;
    bones++;
    for (const q of c.voxels) bone[q] = 1;
  }
  if (diagnostics) {
    diagnostics.noiseHu = noise;
    diagnostics.candidates = cands.length;
    diagnostics.boneComponents = bones;
    diagnostics.heartRadiusMm = heart?.radiusMm ?? 0;
    diagnostics.heartCentreMm = heart ? voxelToPatientMm(volume, ...heart.centre) : null;
  }
  const records: CandidateRecord[] = [];
  const mark = new Uint8Array(volume.hu.length);
  for (const c of cands) {
    const n = c.voxels.length;
    const centre: [number, number, number] = [c.sum[0] / n, c.sum[1] / n, c.sum[2] / n];
    let reason = '';
    let label: CalciumLabel = CalciumLabel.Background;
    let fat = -1;
    let fatClose = -1;
    let off: [number, number, number] = [0, 0, 0];
    if (heart) {
      off = [
        (centre[0] - heart.centre[0]) * sx * signs[0],
        (centre[1] - heart.centre[1]) * sy * signs[1],
        (centre[2] - heart.centre[2]) * sz * signs[2],
      ];
    }
    if (isBone(c)) reason = 'bone';
    else if (nearBone(volume, bone, c)) reason = 'near-bone';
    // Noise: a lone bright voxel in soft tissue is noise when the image is noisy.
    else if (noise > 25 && !(c.peak >= 50 + 4.5 * noise || (n >= 3 && c.peak >= 50 + 3 * noise))) reason = 'noise';
    else {
      let inHeartZone = false;
      if (heart) {
        const r = heart.radiusMm;
        const inPlane = Math.hypot(off[0], off[1]) / (r + 18);
        const halfHeight = ((heart.zHi - heart.zLo + 1) * sz) / 2 + 25;
        const zMid = ((heart.zHi + heart.zLo) / 2 - heart.centre[2]) * sz * signs[2];
        const vertical = (off[2] - zMid) / halfHeight;
        inHeartZone = inPlane * inPlane + vertical * vertical <= 1;
      }
      // Outside the heart zone only the mediastinum counts (calcium in lung or chest wall is not cardiac).
      if (!inHeartZone && c.mediastinal * 2 < n) reason = 'outside';
      else if (!heart || !inHeartZone) {
        reason = 'mediastinal';
        label = CalciumLabel.OtherCalcium;
      } else {
        fat = fatAround(volume, c);
        fatClose = fatNear(volume, c, 3, mark);
        if (fat < 0.15 || fatClose < FAT_CLOSE_MIN) {
          reason = 'not-fat';
          label = CalciumLabel.OtherCalcium;
        } else {
          reason = 'coronary';
          label = arteryByPosition(off, heart.radiusMm);
        }
      }
    }
    if (label !== CalciumLabel.Background) for (const q of c.voxels) labels[q] = label;
    if (diagnostics) records.push({ centre, voxels: n, peakHu: c.peak, label, reason, fat, fatClose, offsetMm: off });
  }
  if (diagnostics) diagnostics.components = records;
  return labels;
}
