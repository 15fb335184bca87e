import { chainPeaks, distancePeaks, rootOfChain } from '../locate-aortic-root';

/** A slice of fat (−100 HU) with blood-density discs (40 HU) drawn in; cells of `cellMm`. */
function slice(n: number, discs: { x: number; y: number; r: number }[], cellMm: number): Float32Array {
  const hu = new Float32Array(n * n).fill(-100);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const x = (i + 0.5) * cellMm;
      const y = (j + 0.5) * cellMm;
      if (discs.some((d) => Math.hypot(x - d.x, y - d.y) <= d.r)) hu[j * n + i] = 40;
    }
  }
  return hu;
}

describe('distancePeaks', () => {
  it('finds a round vessel as the widest disc even where it touches a larger structure with no fat between', () => {
    // A 36 mm aorta overlapping an elongated atrium-like blob (two discs of 14 mm in a row) by 6 mm.
    const cell = 2;
    const hu = slice(
      60,
      [
        { x: 40, y: 60, r: 18 },
        { x: 70, y: 60, r: 14 },
        { x: 90, y: 60, r: 14 },
      ],
      cell,
    );
    const peaks = distancePeaks(hu, 60, 60, cell, [10, 24]);
    const aorta = peaks.find((p) => Math.hypot((p.i + 0.5) * cell - 40, (p.j + 0.5) * cell - 60) <= 4);
    expect(aorta).toBeDefined();
    expect(aorta!.radius).toBeGreaterThan(14);
    expect(aorta!.radius).toBeLessThan(22);
  });

  it('ignores single noise specks inside the blood but not a fat plane across it', () => {
    const cell = 2;
    const hu = slice(40, [{ x: 40, y: 40, r: 18 }], cell);
    hu[20 * 40 + 18] = -100; // one dark speck near the centre
    expect(Math.max(...distancePeaks(hu, 40, 40, cell, [10, 24]).map((p) => p.radius))).toBeGreaterThan(15);
    for (let j = 0; j < 40; j++) hu[j * 40 + 20] = -100; // a fat plane through the middle splits it in two halves
    expect(distancePeaks(hu, 40, 40, cell, [14, 24])).toHaveLength(0);
  });
});

describe('chainPeaks and rootOfChain', () => {
  const peak = (x: number, z: number, radius = 16, y = 0) => ({ x, y, z, radius });

  it('links sections of a vertical tube and keeps a far-off section out of the chain', () => {
    const chains = chainPeaks([[peak(0, 0)], [peak(2, 5), peak(40, 5)], [peak(3, 10)], [peak(3, 15, 17)]], 9);
    const longest = chains.reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.map((p) => p.z)).toEqual([0, 5, 10, 15]);
    expect(longest.some((p) => p.x === 40)).toBe(false);
  });

  it('does not link a section of a much larger radius (a chamber below the root)', () => {
    const chains = chainPeaks([[peak(0, 0, 30)], [peak(0, 5, 16)], [peak(0, 10, 16)]], 9);
    expect(chains.some((c) => c.length === 3)).toBe(false);
  });

  it("puts the root at the lowest section still on the aorta's axis below the heart's top", () => {
    // Ascending aorta at x = −20 from z −30 up; below −30 the chain bends towards the left ventricle (10 mm off the axis at −35, more than half a radius).
    const chain = [peak(0, -45), peak(-4, -40), peak(-10, -35), peak(-17, -30), peak(-20, -25)];
    for (let z = -20; z <= 20; z += 5) chain.push(peak(-20, z));
    const root = rootOfChain(chain, 0);
    expect(root?.centreMm[2]).toBe(-30);
    expect(root?.radiusMm).toBe(16);
  });
});
