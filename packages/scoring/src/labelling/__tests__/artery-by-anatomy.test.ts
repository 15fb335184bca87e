import type { HeartFrame, Vec3 } from '../../anatomy/heart-frame';
import { arteryByAnatomy } from '../artery-by-anatomy';

// A heart centred at the origin, 120 mm tall; angles are taken around the section centre (0, 0) at every height.
const frame = (aorticRootMm: Vec3 | null = null): HeartFrame => ({
  centreMm: [0, 0, 0],
  longAxis: [0.6, -0.5, -0.62],
  anteriorAxis: [0, -1, 0],
  thirdAxis: [1, 0, 0],
  radiiMm: [60, 45, 45],
  aorticRootMm,
});
const zRange: [number, number] = [-60, 60];

/** A point 50 mm from the section centre at an axial angle (0° patient left, 90° anterior; LPS: −y is anterior). */
function at(angleDeg: number, zMm = 0): Vec3 {
  const a = (angleDeg * Math.PI) / 180;
  return [50 * Math.cos(a), -50 * Math.sin(a), zMm];
}

describe('arteryByAnatomy', () => {
  it('calls the anterior interventricular groove and the anterolateral wall down to 15° LAD (diagonals)', () => {
    for (const angle of [16, 20, 45, 90, 114]) expect(arteryByAnatomy(at(angle), [0, 0], frame(), zRange)).toBe('LAD');
  });

  it('calls the lateral and posterolateral wall LCX (obtuse marginals, AV groove)', () => {
    for (const angle of [14, 0, -30, -60, -120])
      expect(arteryByAnatomy(at(angle), [0, 0], frame(), zRange)).toBe('LCX');
  });

  it('calls the right AV groove RCA, and the inferior posterior surface RCA (posterior descending)', () => {
    for (const angle of [120, 180, -160]) expect(arteryByAnatomy(at(angle), [0, 0], frame(), zRange)).toBe('RCA');
    expect(arteryByAnatomy(at(-100, -40), [0, 0], frame(), zRange)).toBe('RCA');
    expect(arteryByAnatomy(at(-100, 10), [0, 0], frame(), zRange)).toBe('LCX');
  });

  describe('left main near a 16 mm aortic root', () => {
    const root: HeartFrame = { ...frame([0, 0, 50]), aorticRootRadiusMm: 16 };
    /** A point `outMm` beyond the root's wall at an axial angle from its centre (0° patient left, 90° anterior). */
    const fromRoot = (outMm: number, angleDeg: number, dzMm = 0): Vec3 => {
      const a = (angleDeg * Math.PI) / 180;
      return [(16 + outMm) * Math.cos(a), -(16 + outMm) * Math.sin(a), 50 + dzMm];
    };
    const call = (p: Vec3, heart: HeartFrame = root) => arteryByAnatomy(p, [0, 0], heart, zRange);

    it('calls LM at the ostium and along a 10 mm trunk running left, or a little anterior or posterior', () => {
      for (const out of [0, 5, 9]) for (const angle of [-30, 0, 20, 40]) expect(call(fromRoot(out, angle))).toBe('LM');
      expect(call(fromRoot(5, 10, 8))).toBe('LM');
      expect(call(fromRoot(5, 10, -8))).toBe('LM');
    });

    it('does not call LM the proximal LAD turning anteriorly, or the LCX turning posteriorly', () => {
      for (const out of [3, 8]) {
        expect(call(fromRoot(out, 60))).not.toBe('LM');
        expect(call(fromRoot(out, 80))).not.toBe('LM');
        expect(call(fromRoot(out, -60))).not.toBe('LM');
      }
    });

    it('does not call LM past the bifurcation (15 mm or more beyond the wall), above or below the root, or on its right', () => {
      expect(call(fromRoot(15, 0))).not.toBe('LM');
      expect(call(fromRoot(20, 20))).not.toBe('LM');
      expect(call(fromRoot(5, 0, 14))).not.toBe('LM');
      expect(call(fromRoot(5, 0, -14))).not.toBe('LM');
      expect(call(fromRoot(5, 180))).not.toBe('LM');
      expect(call(fromRoot(5, 100))).not.toBe('LM');
    });

    it("measures the reach from the root's wall: a larger root reaches farther from its centre", () => {
      const p: Vec3 = [30, 0, 50]; // 30 mm left of the centre
      expect(call(p, { ...root, aorticRootRadiusMm: 22 })).toBe('LM');
      expect(call(p, { ...root, aorticRootRadiusMm: 12 })).not.toBe('LM');
    });
  });

  it('calls LM only near a found aortic root, on its left', () => {
    const root: Vec3 = [0, 0, 50];
    expect(arteryByAnatomy([12, -5, 50], [0, 0], frame(root), zRange)).toBe('LM');
    expect(arteryByAnatomy([-15, -5, 50], [0, 0], frame(root), zRange)).not.toBe('LM');
    expect(arteryByAnatomy([12, -5, 50], [0, 0], frame(null), zRange)).not.toBe('LM');
  });
});
