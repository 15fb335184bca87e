/** Geometry helpers of the hard-negative generators: the heart's ellipsoid, voxel lookups, distances, bone tubes. */
import { type Anatomy, type Heart } from '../anatomy';
import { forEachVoxelNearPolyline, type Grid, TISSUE_HU } from '../render';
import { type Vec3, add, addScaled, distance, dot, normalize, scale, sub } from '../vec';

/** Heart ellipsoid grown by `growMm` on every semi-axis: < 1 inside, 1 on the surface. */
export function heartQuadratic(h: Heart, p: Vec3, growMm: number): number {
  const d = sub(p, h.centre);
  const a = dot(d, h.axis) / (h.semiAxesMm[0] + growMm);
  const b = dot(d, h.anterior) / (h.semiAxesMm[1] + growMm);
  const c = dot(d, h.left) / (h.semiAxesMm[2] + growMm);
  return a * a + b * b + c * c;
}

export function heartNormal(h: Heart, p: Vec3, growMm: number): Vec3 {
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
export function cavityQuadratic(a: Anatomy, x: number, y: number): number {
  const u = x / a.cavity.ax;
  const v = (y - a.cavity.cy) / a.cavity.ay;
  return u * u + v * v;
}

export function voxelIndex(g: Grid, p: Vec3): number {
  const x = Math.round((p[0] - g.origin[0]) / g.spacing[0]);
  const y = Math.round((p[1] - g.origin[1]) / g.spacing[1]);
  const z = Math.round((p[2] - g.origin[2]) / g.spacing[2]);
  if (x < 0 || y < 0 || z < 0 || x >= g.cols || y >= g.rows || z >= g.slices) return -1;
  return x + y * g.cols + z * g.cols * g.rows;
}

export function cleanAt(g: Grid, clean: Float32Array, p: Vec3): number {
  const i = voxelIndex(g, p);
  return i < 0 ? NaN : clean[i];
}

export function segmentDistance(p: Vec3, a: Vec3, b: Vec3): number {
  const d = sub(b, a);
  const len2 = dot(d, d) || 1;
  const t = Math.max(0, Math.min(1, dot(sub(p, a), d) / len2));
  return distance(p, addScaled(a, d, t));
}

export function minDistanceToVessels(a: Anatomy, p: Vec3): number {
  let best = Infinity;
  for (const v of a.vessels) for (const q of v.points) best = Math.min(best, distance(p, q));
  return best;
}

export function minDistancePolylineToVessels(a: Anatomy, line: readonly Vec3[]): number {
  let best = Infinity;
  for (const v of a.vessels)
    for (const q of v.points)
      for (let s = 1; s < line.length; s++) best = Math.min(best, segmentDistance(q, line[s - 1], line[s]));
  return best;
}

export function sliceZ(g: Grid, k: number): number {
  return g.origin[2] + k * g.spacing[2];
}

/** Sets voxels within `radius` of the polyline to rib bone: cortex in the outer 1.3 mm, marrow inside. */
export function stampBoneTube(line: readonly Vec3[], radius: number, g: Grid, out: Float32Array): void {
  const inner = Math.max(0, radius - 1.3);
  const inner2 = inner * inner;
  forEachVoxelNearPolyline(line, radius, g, (i, e2) => {
    const v = e2 < inner2 ? TISSUE_HU.ribMarrow : TISSUE_HU.ribCortex;
    // Where two segments overlap, cortex of one must not replace marrow of the other.
    if (out[i] === TISSUE_HU.ribMarrow && v === TISSUE_HU.ribCortex) return;
    out[i] = v;
  });
}
