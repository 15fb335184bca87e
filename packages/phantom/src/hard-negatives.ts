/**
 * Hard negatives for calcium labellers (setting `hardNegatives`): things next to the coronary arteries that are bright
 * but are not coronary calcium.
 *
 * - Calcified mediastinal lymph nodes (subcarinal, aorto-pulmonary next to the left main, pre-vascular beside the
 *   aortic root): a soft-tissue node in a fat pad with 1–3 calcium foci of 200–900 HU, 2–6 mm (label 5).
 * - Aortic-root wall calcium beside the LM / RCA ostia, bulky aortic-valve calcification and ascending-aorta plaques
 *   (label 5).
 * - Bone touching the pericardium: the sternum pushed posteriorly onto the heart, or a rib segment whose cortex abuts
 *   the epicardial fat over the LAD or RCA (bone: label 0).
 * - Metal: sternal wires round the sternum or a pacemaker lead through the SVC into the right heart (clean value far
 *   above the HU scale, so ≥ 2000 HU after blur; label 0), with alternating bright and dark streaks radiating from it
 *   in each slice it crosses.
 *
 * Everything here draws from its own random stream, so it never shifts the rest of the phantom.
 */
import { CalciumLabel, type CoronaryArtery } from '@cacscreen/scoring';
import { type Anatomy, type Heart, heartFrame, heartSurfacePoint } from './anatomy';
import { type CalciumBlob, insideGrid, randomFrame } from './calcium';
import type { Rng } from './random';
import { type Grid, TISSUE_HU, stampEllipsoid, sternumGeometry, voxelCount } from './render';
import { type Vec3, add, addScaled, cross, distance, dot, normalize, scale, sub } from './vec';

export type HardNegativeKind =
  'lymph-node' | 'aortic-root' | 'sternum-contact' | 'rib-contact' | 'sternal-wires' | 'pacemaker-lead';

export interface HardNegativeFeature {
  kind: HardNegativeKind;
  /** Node centre, contact point of bone on the pericardium, wire or lead centre (body coordinates). */
  centre: Vec3;
  /** The artery whose course the bone touches (contacts only). */
  artery?: CoronaryArtery;
}

export interface HardNegatives {
  features: HardNegativeFeature[];
  /** Label-5 deposits for placeCalcium (lymph-node foci, aortic root, valve and wall calcium). */
  blobs: CalciumBlob[];
  /** Bone and metal voxels (clean ≥ 200 HU before streaks): never part of a deposit's label. */
  excluded: Uint8Array;
}

/** Clean value of metal (steel is far beyond the CT scale; partial volume and blur still leave ≥ 2000 HU). */
const WIRE_HU = 16000;
const LEAD_HU = 14000;
const DEG = Math.PI / 180;

/**
 * Draws the hard negatives into `clean` (bone, metal, lymph-node tissue, streaks) and returns the deposits to place.
 * Each study gets one to four kinds (usually one to three): lymph nodes 50 %, bone contact 45 %, metal 30 %, aortic
 * root / valve 45 %, at least one of them.
 */
export function addHardNegatives(a: Anatomy, g: Grid, clean: Float32Array, rng: Rng): HardNegatives {
  const want = { nodes: rng.chance(0.5), bone: rng.chance(0.45), metal: rng.chance(0.3), root: rng.chance(0.45) };
  if (!want.nodes && !want.bone && !want.metal && !want.root) {
    want[(['nodes', 'bone', 'metal', 'root'] as const)[rng.int(0, 3)]] = true;
  }
  const boneRng = rng.fork(1);
  const nodeRng = rng.fork(2);
  const metalRng = rng.fork(3);
  const rootRng = rng.fork(4);
  const features: HardNegativeFeature[] = [];
  const blobs: CalciumBlob[] = [];

  let sternumShift: (zb: number) => number = () => 0;
  if (want.bone) {
    const mode = boneRng.weighted([0.4, 0.4, 0.2]); // sternum, rib, both
    let done = false;
    if (mode !== 1) {
      const sternum = sternumContact(a, g, clean, boneRng);
      if (sternum) {
        features.push(sternum.feature);
        sternumShift = sternum.shiftAt;
        done = true;
      }
    }
    if (mode !== 0 || !done) {
      const rib = ribContact(a, g, clean, boneRng);
      if (rib) features.push(rib);
    }
  }
  if (want.nodes) features.push(...lymphNodes(a, g, clean, nodeRng, blobs));
  if (want.root) features.push(aorticRootCalcium(a, rootRng, blobs));

  const metal: MetalObject[] = [];
  if (want.metal) {
    const wires = metalRng.chance(0.55) ? sternalWires(a, g, metalRng, sternumShift) : [];
    if (wires.length > 0) metal.push(...wires);
    else {
      const lead = pacemakerLead(a, g, metalRng);
      if (lead) metal.push(lead);
    }
    for (const m of metal) stampMetal(m, g, clean);
    if (metal.length > 0) features.push({ kind: metal[0].kind, centre: metal[Math.floor(metal.length / 2)].centre });
  }
  // The drawn kinds can all fail to fit (no room for a node, bone or lead); aortic-root calcium always fits.
  if (features.length === 0) features.push(aorticRootCalcium(a, rootRng, blobs));

  const n = voxelCount(g);
  const excluded = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (clean[i] >= 200) excluded[i] = 1;
  for (const m of metal) addStreaks(m, g, clean, metalRng);
  return { features, blobs, excluded };
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry helpers

/** Heart ellipsoid grown by `growMm` on every semi-axis: < 1 inside, 1 on the surface. */
function heartQuadratic(h: Heart, p: Vec3, growMm: number): number {
  const d = sub(p, h.centre);
  const a = dot(d, h.axis) / (h.semiAxesMm[0] + growMm);
  const b = dot(d, h.anterior) / (h.semiAxesMm[1] + growMm);
  const c = dot(d, h.left) / (h.semiAxesMm[2] + growMm);
  return a * a + b * b + c * c;
}

function heartNormal(h: Heart, p: Vec3, growMm: number): Vec3 {
  const d = sub(p, h.centre);
  const [sa, sb, sc] = h.semiAxesMm.map((s) => (s + growMm) * (s + growMm));
  return normalize(
    add(
      add(scale(h.axis, dot(d, h.axis) / sa), scale(h.anterior, dot(d, h.anterior) / sb)),
      scale(h.left, dot(d, h.left) / sc),
    ),
  );
}

/** In-plane position relative to the thoracic cavity ellipse: < 1 inside. */
function cavityQuadratic(a: Anatomy, x: number, y: number): number {
  const u = x / a.cavity.ax;
  const v = (y - a.cavity.cy) / a.cavity.ay;
  return u * u + v * v;
}

function voxelIndex(g: Grid, p: Vec3): number {
  const x = Math.round((p[0] - g.origin[0]) / g.spacing[0]);
  const y = Math.round((p[1] - g.origin[1]) / g.spacing[1]);
  const z = Math.round((p[2] - g.origin[2]) / g.spacing[2]);
  if (x < 0 || y < 0 || z < 0 || x >= g.cols || y >= g.rows || z >= g.slices) return -1;
  return x + y * g.cols + z * g.cols * g.rows;
}

function cleanAt(g: Grid, clean: Float32Array, p: Vec3): number {
  const i = voxelIndex(g, p);
  return i < 0 ? NaN : clean[i];
}

function segmentDistance(p: Vec3, a: Vec3, b: Vec3): number {
  const d = sub(b, a);
  const len2 = dot(d, d) || 1;
  const t = Math.max(0, Math.min(1, dot(sub(p, a), d) / len2));
  return distance(p, addScaled(a, d, t));
}

function minDistanceToVessels(a: Anatomy, p: Vec3): number {
  let best = Infinity;
  for (const v of a.vessels) for (const q of v.points) best = Math.min(best, distance(p, q));
  return best;
}

function minDistancePolylineToVessels(a: Anatomy, line: readonly Vec3[]): number {
  let best = Infinity;
  for (const v of a.vessels)
    for (const q of v.points)
      for (let s = 1; s < line.length; s++) best = Math.min(best, segmentDistance(q, line[s - 1], line[s]));
  return best;
}

function sliceZ(g: Grid, k: number): number {
  return g.origin[2] + k * g.spacing[2];
}

/** Sets voxels within `radius` of the polyline to rib bone: cortex in the outer 1.3 mm, marrow inside. */
function stampBoneTube(line: readonly Vec3[], radius: number, g: Grid, out: Float32Array): void {
  const [sx, sy, sz] = g.spacing;
  const r2 = radius * radius;
  const inner = Math.max(0, radius - 1.3);
  const inner2 = inner * inner;
  const plane = g.cols * g.rows;
  for (let s = 1; s < line.length; s++) {
    const p = line[s - 1];
    const d = sub(line[s], p);
    const len2 = dot(d, d) || 1;
    const lo = (axis: number) => Math.min(p[axis], line[s][axis]) - radius;
    const hi = (axis: number) => Math.max(p[axis], line[s][axis]) + radius;
    const x0 = Math.max(0, Math.ceil((lo(0) - g.origin[0]) / sx));
    const x1 = Math.min(g.cols - 1, Math.floor((hi(0) - g.origin[0]) / sx));
    const y0 = Math.max(0, Math.ceil((lo(1) - g.origin[1]) / sy));
    const y1 = Math.min(g.rows - 1, Math.floor((hi(1) - g.origin[1]) / sy));
    const z0 = Math.max(0, Math.ceil((lo(2) - g.origin[2]) / sz));
    const z1 = Math.min(g.slices - 1, Math.floor((hi(2) - g.origin[2]) / sz));
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
          if (e2 > r2) continue;
          const i = z * plane + y * g.cols + x;
          const v = e2 < inner2 ? TISSUE_HU.ribMarrow : TISSUE_HU.ribCortex;
          // Where two segments overlap, cortex of one must not replace marrow of the other.
          if (out[i] === TISSUE_HU.ribMarrow && v === TISSUE_HU.ribCortex) continue;
          out[i] = v;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bone touching the pericardium

/**
 * Pushes the sternum posteriorly until its cortex touches the epicardial fat (at most 25 mm; pectus-like, tapering off
 * 40 mm above the contact), filling the indentation in front of it with chest-wall muscle.
 */
function sternumContact(
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
function ribContact(a: Anatomy, g: Grid, clean: Float32Array, rng: Rng): HardNegativeFeature | null {
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

// ---------------------------------------------------------------------------------------------------------------
// Calcified lymph nodes and aortic-root calcium

type NodeRegion = 'subcarinal' | 'aortopulmonary' | 'prevascular';

function nodeAnchor(a: Anatomy, region: NodeRegion, rng: Rng): Vec3 {
  const root = a.aorticRoot;
  if (region === 'subcarinal') {
    const oesophagusY = a.spine.cy - a.spine.radius - 6;
    return [root[0] + rng.uniform(-4, 8), oesophagusY - rng.uniform(10, 18), root[2] + rng.uniform(5, 23)];
  }
  if (region === 'aortopulmonary') {
    const lm = a.vessels.find((v) => v.artery === 'LM')!.points[0];
    return add(lm, [rng.uniform(-4, 10), rng.uniform(-6, 6), rng.uniform(8, 22)]);
  }
  return add(root, [rng.uniform(-26, -10), rng.uniform(-18, 0), rng.uniform(8, 30)]);
}

/** One or two calcified nodes outside the heart, away from the coronary arteries; each adds 1–3 foci (label 5). */
function lymphNodes(a: Anatomy, g: Grid, clean: Float32Array, rng: Rng, blobs: CalciumBlob[]): HardNegativeFeature[] {
  const count = rng.chance(0.35) ? 2 : 1;
  const placed: Array<{ centre: Vec3; reach: number }> = [];
  const features: HardNegativeFeature[] = [];
  for (let node = 0; node < count; node++) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const region = rng.pick<NodeRegion>(['subcarinal', 'aortopulmonary', 'prevascular']);
      const semi: Vec3 = [rng.uniform(4, 7.5), rng.uniform(3.5, 6.5), rng.uniform(3.5, 6.5)];
      const reach = Math.max(...semi);
      // Nodes sit just above the heart's base: lift the anchor until the node is (mostly) outside the pericardial fat.
      let centre = nodeAnchor(a, region, rng);
      for (let lift = 0; lift < 30 && heartQuadratic(a.heart, centre, a.heart.fatMm + 0.6 * reach) <= 1; lift += 2) {
        centre = add(centre, [0, 0, 2]);
      }
      if (!insideGrid(centre, g, reach + 2)) continue;
      if (heartQuadratic(a.heart, centre, a.heart.fatMm + 0.6 * reach) <= 1) continue;
      if (minDistanceToVessels(a, centre) < reach + 5.5) continue;
      if (a.tubes.some((tube) => tube.points.some((p) => distance(p, centre) < tube.radiusMm + 0.4 * reach))) continue;
      if (cavityQuadratic(a, centre[0], centre[1]) > 0.8) continue;
      if (centre[1] > a.spine.cy - a.spine.radius - reach) continue;
      if (!(cleanAt(g, clean, centre) < -80)) continue;
      if (placed.some((o) => distance(o.centre, centre) < o.reach + reach + 3)) continue;
      const axes = randomFrame([rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)], rng);
      placed.push({ centre, reach });
      // Mediastinal fat pad where the node borders lung, then the node itself.
      stampFatPad(centre, reach + 4, g, clean);
      stampEllipsoid(centre, axes, semi, rng.uniform(35, 45), g, clean);
      // One central focus (2–6 mm), or 2–3 smaller peripheral foci (2–3.6 mm) spread round the node.
      const foci = rng.chance(0.5) ? 1 : rng.int(2, 3);
      const first = normalize([rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)]);
      const [, p, q] = randomFrame(first, rng);
      for (let f = 0; f < foci; f++) {
        const big = foci === 1;
        const focusSemi: Vec3 = big
          ? [rng.uniform(1, 3), rng.uniform(1, 3), rng.uniform(1, 2.5)]
          : [rng.uniform(1, 1.8), rng.uniform(1, 1.8), rng.uniform(1, 1.8)];
        const ang = (2 * Math.PI * f) / foci + rng.uniform(-0.3, 0.3);
        const dir = big ? first : add(scale(p, Math.cos(ang)), scale(q, Math.sin(ang)));
        const offset = big ? rng.uniform(0, 1.5) : 0.6 * Math.min(...semi);
        blobs.push({
          kind: 'lymph-node',
          label: CalciumLabel.OtherCalcium,
          centre: addScaled(centre, dir, offset),
          axes: randomFrame(dir, rng),
          semiAxesMm: focusSemi,
          peakHu: rng.uniform(200, 900),
          minGapMm: 0.5,
        });
      }
      features.push({ kind: 'lymph-node', centre });
      break;
    }
  }
  return features;
}

/** Replaces lung (< −500 HU) within a sphere with mediastinal fat. */
function stampFatPad(centre: Vec3, radius: number, g: Grid, out: Float32Array): void {
  const [sx, sy, sz] = g.spacing;
  const r2 = radius * radius;
  const x0 = Math.max(0, Math.ceil((centre[0] - radius - g.origin[0]) / sx));
  const x1 = Math.min(g.cols - 1, Math.floor((centre[0] + radius - g.origin[0]) / sx));
  const y0 = Math.max(0, Math.ceil((centre[1] - radius - g.origin[1]) / sy));
  const y1 = Math.min(g.rows - 1, Math.floor((centre[1] + radius - g.origin[1]) / sy));
  const z0 = Math.max(0, Math.ceil((centre[2] - radius - g.origin[2]) / sz));
  const z1 = Math.min(g.slices - 1, Math.floor((centre[2] + radius - g.origin[2]) / sz));
  for (let z = z0; z <= z1; z++) {
    const Z = g.origin[2] + z * sz - centre[2];
    for (let y = y0; y <= y1; y++) {
      const Y = g.origin[1] + y * sy - centre[1];
      for (let x = x0; x <= x1; x++) {
        const X = g.origin[0] + x * sx - centre[0];
        if (X * X + Y * Y + Z * Z > r2) continue;
        const i = z * g.cols * g.rows + y * g.cols + x;
        if (out[i] < -500) out[i] = TISSUE_HU.mediastinalFat;
      }
    }
  }
}

/**
 * Aortic-root wall calcium beside the LM and/or RCA ostium (kind 'aortic-root'), sometimes with bulky aortic-valve
 * calcification and ascending-aorta plaques. All label 5.
 */
function aorticRootCalcium(a: Anatomy, rng: Rng, blobs: CalciumBlob[]): HardNegativeFeature {
  const root = a.aorticRoot;
  const aorta = a.aorta;
  const up = normalize(sub(aorta.points[Math.min(8, aorta.points.length - 1)], aorta.points[0]));
  const which = rng.weighted([0.45, 0.35, 0.2]);
  const ostia: CoronaryArtery[] = which === 0 ? ['LM'] : which === 1 ? ['RCA'] : ['LM', 'RCA'];
  for (const artery of ostia) {
    const ostium = a.vessels.find((v) => v.artery === artery)!.points[0];
    const toward = sub(ostium, root);
    const dir0 = normalize(sub(toward, scale(up, dot(toward, up))));
    for (let attempt = 0; attempt < 12; attempt++) {
      const ang = rng.uniform(12, 32) * DEG * (rng.chance(0.5) ? 1 : -1);
      const dir = add(scale(dir0, Math.cos(ang)), scale(cross(up, dir0), Math.sin(ang)));
      const semi: Vec3 = [rng.uniform(2, 4.5), rng.uniform(0.8, 1.6), rng.uniform(1.5, 3.5)];
      const centre = add(addScaled(root, dir, aorta.radiusMm - 0.5), scale(up, rng.uniform(-4, 5)));
      const peakHu = rng.uniform(300, 1000);
      if (minDistanceToVessels(a, centre) < Math.max(...semi) + 2) continue;
      const around = normalize(cross(up, dir));
      blobs.push({
        kind: 'aortic-root',
        label: CalciumLabel.OtherCalcium,
        centre,
        axes: [around, dir, cross(around, dir)],
        semiAxesMm: semi,
        peakHu,
      });
      break;
    }
  }
  if (rng.chance(0.5)) {
    const [, p, q] = randomFrame(up, rng);
    const nodules = rng.int(2, 4);
    for (let k = 0; k < nodules; k++) {
      const ang = rng.uniform(0, 2 * Math.PI);
      const dir = add(scale(p, Math.cos(ang)), scale(q, Math.sin(ang)));
      const centre = add(
        addScaled(root, dir, a.aorticRootRadiusMm * rng.uniform(0.3, 0.75)),
        scale(up, rng.uniform(-3, 3)),
      );
      blobs.push({
        kind: 'aortic-valve',
        label: CalciumLabel.OtherCalcium,
        centre,
        axes: randomFrame(dir, rng),
        semiAxesMm: [rng.uniform(2, 4), rng.uniform(1.5, 3.5), rng.uniform(1.5, 3)],
        peakHu: rng.uniform(400, 1000),
      });
    }
  }
  if (rng.chance(0.4)) {
    const plaques = rng.int(1, 2);
    const ascending = Math.max(2, Math.min(aorta.points.length - 2, 24));
    for (let k = 0; k < plaques; k++) {
      const s = rng.int(1, ascending);
      const axes = randomFrame(sub(aorta.points[s + 1], aorta.points[s - 1]), rng);
      blobs.push({
        kind: 'aortic-wall',
        label: CalciumLabel.OtherCalcium,
        centre: addScaled(aorta.points[s], axes[1], aorta.radiusMm - 0.6),
        axes,
        semiAxesMm: [rng.uniform(3, 7), rng.uniform(0.8, 1.5), rng.uniform(2, 5)],
        peakHu: rng.uniform(250, 1000),
      });
    }
  }
  return { kind: 'aortic-root', centre: root };
}

// ---------------------------------------------------------------------------------------------------------------
// Metal and streaks

interface MetalObject {
  kind: 'sternal-wires' | 'pacemaker-lead';
  /** Polylines (mm) with their radius. */
  parts: Array<{ line: Vec3[]; radiusMm: number }>;
  hu: number;
  centre: Vec3;
  /** Filled by stampMetal: voxel index → metal fraction. */
  voxels: Map<number, number>;
}

/** Two to five wire loops round the (possibly displaced) sternum, 20–28 mm apart. */
function sternalWires(a: Anatomy, g: Grid, rng: Rng, shiftAt: (zb: number) => number): MetalObject[] {
  const st = sternumGeometry(a);
  const zMin = g.origin[2];
  const zMax = g.origin[2] + (g.slices - 1) * g.spacing[2];
  const count = rng.int(2, 5);
  const spacing = rng.uniform(20, 28);
  const start = Math.max(st.bottomZ + 8, zMin + 4) + rng.uniform(0, 6);
  const wires: MetalObject[] = [];
  for (let k = 0; k < count; k++) {
    const z = start + k * spacing + rng.uniform(-3, 3);
    const tilt = rng.uniform(-0.25, 0.25);
    const semiX = st.semiX + rng.uniform(1, 2.5);
    const semiY = st.semiY + rng.uniform(1.2, 2.5);
    const radius = rng.uniform(0.45, 0.6);
    if (z > zMax - 3) break;
    const cy = st.cy + shiftAt(z);
    const line: Vec3[] = [];
    for (let j = 0; j <= 48; j++) {
      const ang = (2 * Math.PI * j) / 48;
      const y = cy + semiY * Math.sin(ang);
      line.push([semiX * Math.cos(ang), y, z + tilt * (y - cy)]);
    }
    if (minDistancePolylineToVessels(a, line) < radius + 2.5) continue;
    wires.push({
      kind: 'sternal-wires',
      parts: [{ line, radiusMm: radius }],
      hu: WIRE_HU,
      centre: [0, cy, z],
      voxels: new Map(),
    });
  }
  return wires;
}

/** Quadratic Bézier a → b with control m, every ~1 mm. */
function curve(a: Vec3, m: Vec3, b: Vec3): Vec3[] {
  const n = Math.max(2, Math.ceil(distance(a, m) + distance(m, b)));
  const out: Vec3[] = [];
  for (let i = 0; i <= n; i++) {
    const s = i / n;
    const w0 = (1 - s) * (1 - s);
    const w1 = 2 * s * (1 - s);
    const w2 = s * s;
    out.push([w0 * a[0] + w1 * m[0] + w2 * b[0], w0 * a[1] + w1 * m[1] + w2 * b[1], w0 * a[2] + w1 * m[2] + w2 * b[2]]);
  }
  return out;
}

/** A pacemaker lead down the SVC into the right atrium and across to the right-ventricular apex. */
function pacemakerLead(a: Anatomy, g: Grid, rng: Rng): MetalObject | null {
  const h = a.heart;
  const root = a.aorticRoot;
  const zTop = g.origin[2] + (g.slices - 1) * g.spacing[2] + 5;
  const jitter: Vec3 = [rng.uniform(-3, 3), rng.uniform(-3, 3), 0];
  const top = add([root[0] - 26, root[1] + 8, Math.max(zTop, root[2] + 20)], jitter);
  const svcLow = add([root[0] - 26, root[1] + 6, root[2] - 5], jitter);
  const radius = rng.uniform(0.9, 1.1);
  const raAngle = rng.uniform(-105, -85) * DEG;
  const apexT = rng.uniform(0.55, 0.68);
  const apexPhi = rng.uniform(-35, -15) * DEG;
  for (const depth of [15, 18, 21]) {
    const ra = heartSurfacePoint(h, h.avGroove - 0.12, raAngle, -depth);
    const apex = heartSurfacePoint(h, apexT, apexPhi, -depth + 4);
    const centre = heartSurfacePoint(h, 0, -60 * DEG, -depth - 6);
    const line = [
      top,
      ...curve(svcLow, addScaled(svcLow, sub(ra, svcLow), 0.6), ra),
      ...curve(ra, centre, apex).slice(1),
    ];
    if (minDistancePolylineToVessels(a, line) < radius + 3) continue;
    const tipStart = Math.max(0, line.length - 10);
    return {
      kind: 'pacemaker-lead',
      parts: [
        { line: line.slice(0, tipStart + 1), radiusMm: radius },
        { line: line.slice(tipStart), radiusMm: radius + 0.5 },
      ],
      hu: LEAD_HU,
      centre: ra,
      voxels: new Map(),
    };
  }
  return null;
}

/** Draws metal with sub-voxel coverage (3 × 3 × n samples per voxel), recording each voxel's metal fraction. */
function stampMetal(m: MetalObject, g: Grid, clean: Float32Array): void {
  const [sx, sy, sz] = g.spacing;
  const nz = Math.min(8, Math.max(3, Math.round(sz / 0.5)));
  const plane = g.cols * g.rows;
  const halfDiag = 0.5 * Math.hypot(sx, sy, sz);
  for (const part of m.parts) {
    const r = part.radiusMm;
    const r2 = r * r;
    const line = part.line;
    for (let s = 1; s < line.length; s++) {
      const p = line[s - 1];
      const q = line[s];
      const d = sub(q, p);
      const len2 = dot(d, d) || 1;
      const reach = r + halfDiag;
      const x0 = Math.max(0, Math.ceil((Math.min(p[0], q[0]) - reach - g.origin[0]) / sx));
      const x1 = Math.min(g.cols - 1, Math.floor((Math.max(p[0], q[0]) + reach - g.origin[0]) / sx));
      const y0 = Math.max(0, Math.ceil((Math.min(p[1], q[1]) - reach - g.origin[1]) / sy));
      const y1 = Math.min(g.rows - 1, Math.floor((Math.max(p[1], q[1]) + reach - g.origin[1]) / sy));
      const z0 = Math.max(0, Math.ceil((Math.min(p[2], q[2]) - reach - g.origin[2]) / sz));
      const z1 = Math.min(g.slices - 1, Math.floor((Math.max(p[2], q[2]) + reach - g.origin[2]) / sz));
      for (let z = z0; z <= z1; z++) {
        for (let y = y0; y <= y1; y++) {
          for (let x = x0; x <= x1; x++) {
            const cx = g.origin[0] + x * sx - p[0];
            const cy = g.origin[1] + y * sy - p[1];
            const cz = g.origin[2] + z * sz - p[2];
            let t = (cx * d[0] + cy * d[1] + cz * d[2]) / len2;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            const ex = cx - t * d[0];
            const ey = cy - t * d[1];
            const ez = cz - t * d[2];
            if (ex * ex + ey * ey + ez * ez > reach * reach) continue;
            let inside = 0;
            for (let kz = 0; kz < nz; kz++) {
              const dz = cz + ((kz + 0.5) / nz - 0.5) * sz;
              for (let ky = 0; ky < 3; ky++) {
                const dy = cy + ((ky + 0.5) / 3 - 0.5) * sy;
                for (let kx = 0; kx < 3; kx++) {
                  const dx = cx + ((kx + 0.5) / 3 - 0.5) * sx;
                  let u = (dx * d[0] + dy * d[1] + dz * d[2]) / len2;
                  u = u < 0 ? 0 : u > 1 ? 1 : u;
                  const fx = dx - u * d[0];
                  const fy = dy - u * d[1];
                  const fz = dz - u * d[2];
                  if (fx * fx + fy * fy + fz * fz <= r2) inside++;
                }
              }
            }
            if (inside === 0) continue;
            const i = z * plane + y * g.cols + x;
            const f = inside / (9 * nz);
            if (f > (m.voxels.get(i) ?? 0)) m.voxels.set(i, f);
          }
        }
      }
    }
  }
  for (const [i, f] of m.voxels) clean[i] = clean[i] * (1 - f) + m.hu * f;
}

/**
 * Streak artefact: in every slice the metal crosses, 5–9 lines through the metal's centroid, alternately bright and
 * dark, each 1.6–3.2 mm wide with a triangular profile, fading as L / (L + distance) with L = 25 mm. Strength grows
 * with the metal cross-section in that slice (about 150 HU for a lead, up to 350 HU for a wire in its plane). Added to
 * the clean image inside the body (not to outside air), so it goes through blur like the rest of the image.
 */
function addStreaks(m: MetalObject, g: Grid, clean: Float32Array, rng: Rng): void {
  const lines = rng.int(5, 9);
  const base = rng.uniform(0, Math.PI);
  const cosA = new Float64Array(lines);
  const sinA = new Float64Array(lines);
  const gain = new Float64Array(lines);
  for (let j = 0; j < lines; j++) {
    const ang = base + (Math.PI * j) / lines + rng.uniform(-0.12, 0.12);
    cosA[j] = Math.cos(ang);
    sinA[j] = Math.sin(ang);
    gain[j] = (j % 2 === 0 ? 1 : -1) * rng.uniform(0.6, 1);
  }
  const halfWidth = rng.uniform(0.8, 1.6);
  const fadeMm = 25;
  const reachMm = 130;
  const [sx, sy] = g.spacing;
  const plane = g.cols * g.rows;
  const perSlice = new Map<number, { wx: number; wy: number; w: number }>();
  for (const [i, f] of m.voxels) {
    const z = Math.floor(i / plane);
    const r = i - z * plane;
    const y = Math.floor(r / g.cols);
    const x = r - y * g.cols;
    const acc = perSlice.get(z) ?? { wx: 0, wy: 0, w: 0 };
    acc.wx += f * x;
    acc.wy += f * y;
    acc.w += f;
    perSlice.set(z, acc);
  }
  for (const [z, acc] of perSlice) {
    const areaMm2 = acc.w * sx * sy;
    if (areaMm2 < 0.3) continue;
    const amplitude = Math.min(350, 40 + 40 * areaMm2);
    const cxMm = g.origin[0] + (acc.wx / acc.w) * sx;
    const cyMm = g.origin[1] + (acc.wy / acc.w) * sy;
    const x0 = Math.max(0, Math.ceil((cxMm - reachMm - g.origin[0]) / sx));
    const x1 = Math.min(g.cols - 1, Math.floor((cxMm + reachMm - g.origin[0]) / sx));
    const y0 = Math.max(0, Math.ceil((cyMm - reachMm - g.origin[1]) / sy));
    const y1 = Math.min(g.rows - 1, Math.floor((cyMm + reachMm - g.origin[1]) / sy));
    for (let y = y0; y <= y1; y++) {
      const dy = g.origin[1] + y * sy - cyMm;
      const row = z * plane + y * g.cols;
      for (let x = x0; x <= x1; x++) {
        const i = row + x;
        if (clean[i] < -950) continue;
        const dx = g.origin[0] + x * sx - cxMm;
        let add = 0;
        for (let j = 0; j < lines; j++) {
          let perp = dx * sinA[j] - dy * cosA[j];
          perp = perp < 0 ? -perp : perp;
          if (perp >= halfWidth) continue;
          let along = dx * cosA[j] + dy * sinA[j];
          along = along < 0 ? -along : along;
          add += gain[j] * (1 - perp / halfWidth) * (fadeMm / (fadeMm + along));
        }
        if (add !== 0) clean[i] += amplitude * add;
      }
    }
  }
}
