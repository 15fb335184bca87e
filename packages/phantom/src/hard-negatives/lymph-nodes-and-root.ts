/** Calcified mediastinal lymph nodes, and calcium of the aortic root, valve and ascending aorta (label 5). */
import { CalciumLabel, type CoronaryArtery } from '@cacscreen/scoring';
import type { Anatomy } from '../anatomy';
import { type CalciumBlob, insideGrid, randomFrame } from '../calcium';
import type { Rng } from '../random';
import { type Grid, TISSUE_HU, stampEllipsoid } from '../render';
import { type Vec3, add, addScaled, cross, distance, dot, normalize, scale, sub } from '../vec';
import { heartQuadratic, cavityQuadratic, cleanAt, minDistanceToVessels } from './geometry';
import type { HardNegativeFeature } from './index';

const DEG = Math.PI / 180;

export type NodeRegion = 'subcarinal' | 'aortopulmonary' | 'prevascular';

export function nodeAnchor(a: Anatomy, region: NodeRegion, rng: Rng): Vec3 {
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
export function lymphNodes(
  a: Anatomy,
  g: Grid,
  clean: Float32Array,
  rng: Rng,
  blobs: CalciumBlob[],
): HardNegativeFeature[] {
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
export function stampFatPad(centre: Vec3, radius: number, g: Grid, out: Float32Array): void {
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
export function aorticRootCalcium(a: Anatomy, rng: Rng, blobs: CalciumBlob[]): HardNegativeFeature {
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
