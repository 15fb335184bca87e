import { createHash } from 'crypto';
import { buildCase, generateIndependentStudy, generateWithTruth, independentSeeds } from '../index';
import { heartSurfaceDistanceMm } from '../heart';
import { truthAgatston } from './agatston';

const SEEDS = independentSeeds(120);
const cases = SEEDS.map((s) => ({ seed: s, c: buildCase(s) }));
const coronary = (c: (typeof cases)[number]['c']) => c.scene.deposits.filter((d) => d.label >= 1 && d.label <= 4);

function digest(a: ArrayBufferView): string {
  return createHash('sha1')
    .update(Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');
}

describe('independent phantom', () => {
  it('renders a 512x512x<=120 chest study in a few seconds, deterministically per seed', () => {
    const seed =
      cases.find((x) => x.c.plan.settings.protocol === 'chest' && x.c.plan.zs.length >= 100)?.seed ?? SEEDS[0];
    const t0 = Date.now();
    const a = generateIndependentStudy(seed);
    const ms = Date.now() - t0;
    expect(a.volume.dims[0]).toBe(512);
    expect(a.volume.dims[1]).toBe(512);
    expect(a.volume.dims[2]).toBeGreaterThanOrEqual(100);
    expect(a.volume.dims[2]).toBeLessThanOrEqual(120);
    // About 2-3 s on one core; generous bound for loaded CI machines.
    expect(ms).toBeLessThan(8000);
    expect(a.volume.rowDirection).toEqual([1, 0, 0]);
    expect(a.volume.columnDirection).toEqual([0, 1, 0]);
    expect(a.volume.sliceDirection).toEqual([0, 0, 1]);
    expect(a.labels.length).toBe(a.volume.hu.length);
    expect(a.settings.seed).toBe(seed);
    const b = generateIndependentStudy(seed);
    expect(digest(a.volume.hu)).toBe(digest(b.volume.hu));
    expect(digest(a.labels)).toBe(digest(b.labels));
    expect(a.deposits).toEqual(b.deposits);
    expect(a.settings).toEqual(b.settings);
    // A different seed gives a different study.
    expect(buildCase(seed + 1).plan.settings).not.toEqual(buildCase(seed).plan.settings);
  });

  it('uses the three protocols with their geometry', () => {
    const by = (p: string) => cases.filter((x) => x.c.plan.settings.protocol === p).map((x) => x.c.plan);
    const gated = by('gated');
    const chest = by('chest');
    const ca = by('chest-abdomen');
    expect(gated.length).toBeGreaterThan(20);
    expect(chest.length).toBeGreaterThan(35);
    expect(ca.length).toBeGreaterThan(15);
    for (const g of gated) {
      expect(g.settings.fieldOfViewMm).toBeGreaterThanOrEqual(150);
      expect(g.settings.fieldOfViewMm).toBeLessThanOrEqual(250);
      expect(g.settings.pixelSpacingMm).toBeGreaterThanOrEqual(0.3);
      expect(g.settings.pixelSpacingMm).toBeLessThanOrEqual(0.5);
      expect([2.5, 3]).toContain(g.settings.sliceThicknessMm);
      expect(g.zs.length).toBeGreaterThanOrEqual(40);
      expect(g.zs.length).toBeLessThanOrEqual(60);
      expect(g.settings.kvp).toBe(120);
      expect(g.settings.motion).toBe(false);
    }
    for (const c of [...chest, ...ca]) {
      expect(c.settings.fieldOfViewMm).toBeGreaterThanOrEqual(300);
      expect(c.settings.fieldOfViewMm).toBeLessThanOrEqual(500);
      expect(c.settings.sliceThicknessMm).toBeGreaterThanOrEqual(1);
      expect(c.settings.sliceThicknessMm).toBeLessThanOrEqual(5);
      expect(c.settings.motion).toBe(true);
      expect(c.settings.kvp).toBeGreaterThanOrEqual(100);
      expect(c.settings.kvp).toBeLessThanOrEqual(140);
      expect(c.zs.length).toBeLessThanOrEqual(120);
    }
    for (const x of cases) {
      const s = x.c.plan.settings;
      expect(s.noiseHu).toBeGreaterThanOrEqual(8);
      expect(s.noiseHu).toBeLessThanOrEqual(50);
      const p = x.c.scene.body.p;
      const top = x.c.plan.zs[x.c.plan.zs.length - 1];
      const bottom = x.c.plan.zs[0];
      if (s.protocol !== 'gated') expect(top).toBeGreaterThan(p.zApex);
      if (s.protocol === 'chest-abdomen') expect(bottom).toBeLessThan(Math.min(p.zKidneyR, p.zKidneyL));
      if (s.protocol === 'gated') {
        const h = x.c.scene.heart;
        expect(bottom).toBeLessThan(h.c[2]);
        expect(top).toBeGreaterThan(h.c[2]);
      }
    }
  });

  it('spans zero to high coronary burdens with the LAD often involved', () => {
    const zero = cases.filter((x) => coronary(x.c).length === 0).length / cases.length;
    expect(zero).toBeGreaterThan(0.15);
    expect(zero).toBeLessThan(0.45);
    const calcified = cases.filter((x) => coronary(x.c).length > 0);
    const withLad = calcified.filter((x) => coronary(x.c).some((d) => d.label === 2)).length / calcified.length;
    expect(withLad).toBeGreaterThan(0.5);
    for (const label of [1, 3, 4]) expect(cases.some((x) => coronary(x.c).some((d) => d.label === label))).toBe(true);
    expect(Math.max(...cases.map((x) => coronary(x.c).length))).toBeGreaterThanOrEqual(12);
    const kinds = new Set(cases.flatMap((x) => x.c.scene.deposits.map((d) => d.kind.split('+')[0])));
    for (const k of ['aortic-wall', 'aortic-valve', 'mitral-annulus', 'lymph-node', 'costal-cartilage'])
      expect(kinds).toContain(k);
    expect(cases.some((x) => x.c.scene.deposits.some((d) => d.kind.includes('motion-double')))).toBe(true);
  });

  it('labels coronary calcium near the heart surface, never bone, with a high truth score for a heavy case', () => {
    const heavy = cases
      .filter((x) => x.c.plan.settings.protocol === 'gated')
      .sort((a, b) => coronary(b.c).length - coronary(a.c).length)[0];
    const s = generateWithTruth(heavy.seed);
    const heart = s.built.scene.heart;
    const [nx, ny, nz] = s.volume.dims;
    const [sx, sy, sz] = s.volume.spacingMm;
    const [ox, oy, oz] = s.volume.originMm;
    let coronaryVoxels = 0;
    let worst = 0;
    for (let z = 0; z < nz; z++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          const idx = z * nx * ny + j * nx + i;
          const l = s.labels[idx];
          if (l === 0) continue;
          expect(s.boneMask[idx]).toBe(0);
          if (l > 4) continue;
          coronaryVoxels++;
          worst = Math.max(worst, heartSurfaceDistanceMm(heart, [ox + i * sx, oy + j * sy, oz + z * sz]));
        }
      }
    }
    expect(coronaryVoxels).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(10);
    const score = truthAgatston(s.volume, s.labels);
    expect(score.total).toBeGreaterThan(400);
    // A calcium-free case has no coronary labels at all.
    const none = cases.find((x) => coronary(x.c).length === 0);
    expect(none).toBeDefined();
  });
});
