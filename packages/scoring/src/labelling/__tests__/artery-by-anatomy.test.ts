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

  it("calls LM out to 20 mm beyond the root's wall on its left, at about its height", () => {
    // A 17 mm root (as on A0001); its left main plaque 19 mm beyond the wall, at the root's height.
    const root: HeartFrame = { ...frame([0, 0, 50]), aorticRootRadiusMm: 17 };
    expect(arteryByAnatomy([35, 7, 50], [0, 0], root, zRange)).toBe('LM');
    expect(arteryByAnatomy([35, 7, 60], [0, 0], root, zRange)).toBe('LM');
    // Farther out, well below the root, or on its right: not the left main.
    expect(arteryByAnatomy([45, 7, 50], [0, 0], root, zRange)).not.toBe('LM');
    expect(arteryByAnatomy([35, 7, 35], [0, 0], root, zRange)).not.toBe('LM');
    expect(arteryByAnatomy([-30, 7, 50], [0, 0], root, zRange)).not.toBe('LM');
    // A smaller root reaches less far.
    expect(arteryByAnatomy([35, 7, 50], [0, 0], { ...root, aorticRootRadiusMm: 12 }, zRange)).not.toBe('LM');
  });

  it('calls LM only near a found aortic root, on its left', () => {
    const root: Vec3 = [0, 0, 50];
    expect(arteryByAnatomy([12, -5, 50], [0, 0], frame(root), zRange)).toBe('LM');
    expect(arteryByAnatomy([-15, -5, 50], [0, 0], frame(root), zRange)).not.toBe('LM');
    expect(arteryByAnatomy([12, -5, 50], [0, 0], frame(null), zRange)).not.toBe('LM');
  });
});
