import { Rng } from '../random';
import { distance, dot, sub, type Vec3 } from '../vec';
import { coronaryTree, type CoronaryPolyline } from './coronary-tree';
import { DODGE_SEGMENTS } from './dodge-coordinates';
import { DODGE_REFERENCE, DODGE_REFERENCE_RADII_MM, dodgeToCartesianCm } from './dodge-frame';
import { typicalHeartFrame } from './test-frame';

const frame = typicalHeartFrame();
const tree = coronaryTree(frame);
const main = (name: string): CoronaryPolyline => tree.polylines.find((p) => p.name === name)!;
const mean = (pts: Vec3[]): Vec3 => [0, 1, 2].map((i) => pts.reduce((s, p) => s + p[i], 0) / pts.length) as Vec3;
const rel = (p: Vec3) => sub(p, frame.centreMm);

describe('Dodge coordinates', () => {
  it('maps every point to its artery and uses the published conversion', () => {
    expect(DODGE_SEGMENTS.length).toBeGreaterThan(25);
    for (const s of DODGE_SEGMENTS) expect(['LM', 'LAD', 'LCX', 'RCA']).toContain(s.artery);
    const d1 = DODGE_SEGMENTS.find((s) => s.name === 'D1')!;
    expect(d1.artery).toBe('LAD');
    expect(DODGE_SEGMENTS.find((s) => s.name === 'RD')!.artery).toBe('RCA');
    const [x, y, z] = dodgeToCartesianCm(2, 90, 0);
    expect([x, y, z].map((v) => Number(v.toFixed(9)))).toEqual([2, 0, 0]);
  });

  it("Dodge's average heart has a typical long axis and adult size", () => {
    const [x, y, z] = DODGE_REFERENCE.longAxis;
    const azimuth = (Math.atan2(x, z) * 180) / Math.PI; // left of anterior
    const caudal = (-Math.asin(y) * 180) / Math.PI;
    expect(azimuth).toBeGreaterThan(25);
    expect(azimuth).toBeLessThan(50);
    expect(caudal).toBeGreaterThan(10);
    expect(caudal).toBeLessThan(35);
    expect(DODGE_REFERENCE_RADII_MM[0]).toBeCloseTo(54.9, 0);
    expect(DODGE_REFERENCE_RADII_MM[1]).toBeCloseTo(45.0, 0);
    expect(DODGE_REFERENCE_RADII_MM[2]).toBeCloseTo(47.2, 0);
  });
});

describe('coronaryTree on a typical heart', () => {
  it('has the four main vessels and their branches, labelled by artery', () => {
    for (const a of ['LM', 'LAD', 'LCX', 'RCA']) expect(main(a).artery).toBe(a);
    expect(main('D1').artery).toBe('LAD');
    expect(main('M1').artery).toBe('LCX');
    expect(main('RD').artery).toBe('RCA');
  });

  it('LAD lies anterior and runs towards the apex', () => {
    const lad = main('LAD').pointsMm;
    // Anterior (−y in LPS) of the heart centre once past the base, and far in front of the LCX.
    const ventricular = lad.filter((p) => dot(rel(p), frame.longAxis) > 0);
    expect(ventricular.length).toBeGreaterThan(4);
    expect(mean(ventricular)[1]).toBeLessThan(frame.centreMm[1] - 10);
    expect(mean(lad)[1]).toBeLessThan(mean(main('LCX').pointsMm)[1] - 30);
    const start = dot(rel(lad[0]), frame.longAxis);
    const farthest = Math.max(...lad.map((p) => dot(rel(p), frame.longAxis)));
    expect(start).toBeLessThan(-20);
    expect(farthest).toBeGreaterThan(0.6 * frame.radiiMm[0]);
  });

  it("RCA lies on the patient's right of the LCX (−x in LPS)", () => {
    expect(mean(main('RCA').pointsMm)[0]).toBeLessThan(mean(main('LCX').pointsMm)[0] - 20);
  });

  it('LM starts at the base, above the heart centre; the LCX runs posterior-left from it', () => {
    const lm0 = main('LM').pointsMm[0];
    expect(dot(rel(lm0), frame.longAxis)).toBeLessThan(-0.6 * frame.radiiMm[0]);
    expect(lm0[2]).toBeGreaterThan(frame.centreMm[2] + 20);
    const lcx = main('LCX').pointsMm;
    const mid = lcx[Math.floor(lcx.length / 2)];
    expect(mid[0]).toBeGreaterThan(lm0[0] + 10);
    expect(mid[1]).toBeGreaterThan(lm0[1] + 5);
  });

  it('starts the LM near a located aortic root', () => {
    const root: Vec3 = [-15, 20, 45];
    const t = coronaryTree(typicalHeartFrame([0, 0, 0], [60, 45, 45], root));
    const lm0 = t.polylines[0].pointsMm[0];
    expect(distance(lm0, root)).toBeLessThan(25);
    expect(distance(t.rightOstiumMm, root)).toBeLessThan(25);
  });

  it('turns and scales with the fitted frame', () => {
    const other = typicalHeartFrame([10, -20, 30], [72, 54, 54], null, 20, 45);
    const t2 = coronaryTree(other);
    const local = (f: typeof frame, p: Vec3) => {
      const d = sub(p, f.centreMm);
      return [dot(d, f.longAxis), dot(d, f.anteriorAxis), dot(d, f.thirdAxis)];
    };
    const a = tree.polylines[1].pointsMm.map((p) => local(frame, p));
    const b = t2.polylines[1].pointsMm.map((p) => local(other, p));
    a.forEach((pa, i) => pa.forEach((v, k) => expect(b[i][k]).toBeCloseTo(v * 1.2, 6)));
  });

  it('follows the dominance: PDA from the RCA when right-dominant, C4 in left dominance', () => {
    expect(tree.dominance).toBe('right');
    expect(tree.polylines.some((p) => p.name === 'RD')).toBe(true);
    const left = coronaryTree(frame, undefined, { dominance: 'left' });
    expect(left.polylines.some((p) => p.name === 'RD')).toBe(false);
    expect(left.polylines.some((p) => p.name === 'CD')).toBe(true);
    expect(main('LCX').pointsMm.length).toBeLessThan(left.polylines.find((p) => p.name === 'LCX')!.pointsMm.length);
  });

  it('perturbs by the SDs deterministically per seed, keeping the tree recognisable', () => {
    const a = coronaryTree(frame, new Rng(7), { dominance: 'right' });
    const b = coronaryTree(frame, new Rng(7), { dominance: 'right' });
    const c = coronaryTree(frame, new Rng(8), { dominance: 'right' });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    a.polylines.forEach((p, i) =>
      p.pointsMm.forEach((q, k) => expect(distance(q, tree.polylines[i].pointsMm[k])).toBeLessThan(50)),
    );
  });
});
