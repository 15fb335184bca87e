import { generateWithTruth, independentSeeds } from '@cacscreen/phantom-independent';
import { signedDistance } from '../distance-field';
import { fitHeartFrame, symmetricEigen } from '../ellipsoid-fit';
import { locateHeart } from '../locate-heart';

describe('heart localisation', () => {
  // The independently written generator (never used to develop the finder's thresholds' test cases here): gated
  // cardiac fields of view, whole chests and chest-abdomen scans. Its heart centre is known.
  // The first 12 include a gated 0.49 mm field of view whose liver dome was once taken for the heart (1700071274) and
  // a chest whose shoulder was (1700007922).
  it('finds the heart within 30 mm of its true centre in all of 12 independent phantoms', () => {
    let hits = 0;
    const misses: string[] = [];
    for (const seed of independentSeeds(12)) {
      const study = generateWithTruth(seed);
      const truth = study.built.scene.heart.c;
      const found = locateHeart(study.volume);
      const off = found.found ? Math.hypot(...found.frame.centreMm.map((v, a) => v - truth[a])) : Infinity;
      if (off <= 30) hits++;
      else
        misses.push(
          `${seed} (${study.settings.protocol}): ${found.found ? `${Math.round(off)} mm off` : found.reason}`,
        );
    }
    if (misses.length) console.warn(`heart not found or off: ${misses.join('; ')}`);
    expect(misses).toEqual([]);
    expect(hits).toBe(12);
  }, 180_000);
});

describe('ellipsoid fit', () => {
  it('recovers the semi-axes of a solid ellipsoid and takes its long axis when it is near the typical one', () => {
    const axis = [0.6, -0.6, -0.53]; // close to 45° left, 32° caudal
    const n = Math.hypot(...axis);
    const u = axis.map((v) => v / n);
    const points: number[] = [];
    for (let i = -20; i <= 20; i++)
      for (let j = -20; j <= 20; j++)
        for (let k = -20; k <= 20; k++) {
          const [a, b, c] = [i / 20, j / 20, k / 20];
          if (a * a + b * b + c * c > 1) continue;
          // long semi-axis 60 mm along u, 40 mm across (x-y plane perpendicular and its complement)
          const p = [0, 1, 2].map((d) => 60 * a * u[d]);
          const v = [u[1], -u[0], 0].map((x) => x / Math.hypot(u[0], u[1]));
          const w = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
          points.push(...p.map((x, d) => 5 + x + 40 * b * v[d] + 40 * c * w[d]));
        }
    const frame = fitHeartFrame(Float64Array.from(points));
    expect(frame.centreMm.map((v) => Math.round(v))).toEqual([5, 5, 5]);
    expect(Math.abs(frame.longAxis.reduce((s, x, d) => s + x * u[d], 0))).toBeGreaterThan(0.99);
    expect(frame.radiiMm[0]).toBeCloseTo(60, -1);
    expect(frame.radiiMm[1]).toBeCloseTo(40, -1);
    expect(frame.anteriorAxis[1]).toBeLessThan(0); // towards the patient's front (LPS −y)
  });

  it('diagonalises a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 5],
    ]);
    expect(values.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([5, 3, 1]);
    expect(Math.abs(vectors[1][0])).toBeCloseTo(Math.SQRT1_2, 6);
  });
});

describe('signed distance', () => {
  it('measures mm outside and inside a box on an anisotropic grid', () => {
    const dims: [number, number, number] = [30, 30, 10];
    const mask = new Uint8Array(30 * 30 * 10);
    for (let z = 3; z < 7; z++)
      for (let y = 10; y < 20; y++) for (let x = 10; x < 20; x++) mask[x + y * 30 + z * 900] = 1;
    const d = signedDistance(mask, dims, [2, 2, 4]);
    const at = (x: number, y: number, z: number) => d[x + y * 30 + z * 900];
    expect(at(25, 15, 5)).toBeCloseTo(6 * 2 - 1, 5); // six cells beyond the face, less half a cell
    expect(at(15, 15, 5)).toBeLessThan(0);
    expect(at(15, 15, 9)).toBeCloseTo(3 * 4 - 1, 5);
  });
});
