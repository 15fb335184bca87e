import { typicalHeartFrame } from '../coronary-anatomy/test-frame';
import { distance, type Vec3 } from '../vec';
import { voxelToPatientMm } from '@cacscreen/dicom';
import { insertHybridLesions } from './insert-lesions';
import { uniformVolume } from './test-volume';

const frame = typicalHeartFrame([0, 0, 0], [60, 45, 45], null);
const background = uniformVolume(40, { noiseHu: 15 });
const ARTERY_LABEL = { LM: 1, LAD: 2, LCX: 3, RCA: 4 };

function voxelPosition(i: number): Vec3 {
  const [cols, rows] = background.dims;
  return voxelToPatientMm(background, i % cols, Math.floor(i / cols) % rows, Math.floor(i / (cols * rows)));
}

describe('insertHybridLesions', () => {
  const cases = Array.from({ length: 24 }, (_, seed) => insertHybridLesions(background, frame, seed));

  it('is a pure function of the seed and leaves the input untouched', () => {
    const again = insertHybridLesions(background, frame, 5);
    expect(again.lesions).toEqual(cases[5].lesions);
    expect(Buffer.from(again.volume.hu.buffer).equals(Buffer.from(cases[5].volume.hu.buffer))).toBe(true);
    expect(Buffer.from(again.labels).equals(Buffer.from(cases[5].labels))).toBe(true);
    expect(cases[5].volume.hu).not.toBe(background.hu);
    expect(background.hu[12345]).toBe(uniformVolume(40, { noiseHu: 15 }).hu[12345]);
  });

  it('spans no calcium to severe: 0–8 lesions, some cases clean', () => {
    const counts = cases.map((c) => c.lesions.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(2);
    expect(counts.filter((n) => n === 0).length).toBeLessThanOrEqual(12);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
    for (const c of cases) if (c.burden === 'none') expect(c.labels.some((l) => l > 0)).toBe(false);
  });

  it('labels only lesion voxels, with the artery of the nearest lesion, and changes nothing far away', () => {
    for (const c of cases) {
      for (let i = 0; i < c.labels.length; i++) {
        const changed = c.volume.hu[i] !== background.hu[i];
        if (!changed && c.labels[i] === 0) continue;
        const p = voxelPosition(i);
        const near = c.lesions.map((l) => distance(p, l.centreMm) - l.lengthMm / 2);
        const k = near.indexOf(Math.min(...near));
        expect(near[k]).toBeLessThan(6); // within the blur and slice reach of a lesion
        if (c.labels[i] > 0) {
          expect(c.volume.hu[i]).toBeGreaterThan(background.hu[i]);
          if (near[k] < 0) expect(c.labels[i]).toBe(ARTERY_LABEL[c.lesions[k].artery]);
        }
      }
      for (const l of c.lesions) expect(l.peakHu).toBeGreaterThanOrEqual(130);
    }
  });

  it('keeps lesion peaks in the range of calcium and each lesion scorable', () => {
    const peaks = cases.flatMap((c) => c.lesions.map((l) => l.peakHu));
    expect(peaks.length).toBeGreaterThan(10);
    for (const p of peaks) {
      expect(p).toBeGreaterThanOrEqual(180);
      expect(p).toBeLessThanOrEqual(1700);
    }
  });

  it('never places a lesion in air: lung-valued voxels get none', () => {
    const air = uniformVolume(-850, { noiseHu: 30 });
    const none = insertHybridLesions(air, frame, 3, { maxAttempts: 10 });
    expect(none.lesions).toHaveLength(0);
    expect(none.labels.some((l) => l > 0)).toBe(false);
    // Half lung (patient left, x > 0) and half soft tissue: every lesion centre is in the tissue half.
    const half = uniformVolume(40, { noiseHu: 15 });
    const [cols, rows] = half.dims;
    for (let i = 0; i < half.hu.length; i++) if (voxelToPatientMm(half, i % cols, 0, 0)[0] > 0) half.hu[i] = -850;
    let placed = 0;
    for (let seed = 0; seed < 12; seed++) {
      const c = insertHybridLesions(half, frame, seed);
      for (const l of c.lesions) {
        expect(l.centreMm[0]).toBeLessThan(0.8);
        placed++;
      }
    }
    expect(placed).toBeGreaterThan(0);
    expect(rows).toBeGreaterThan(0);
  });
});

describe('insertHybridLesions with the anatomical placement rule', () => {
  const rule = { minFatShare: 0.2, maxLungShare: 0.3 };
  it('places no lesion where nothing around is fat (inside a chamber or the aorta)', () => {
    const blood = uniformVolume(10, { noiseHu: 5 });
    for (let seed = 0; seed < 6; seed++) {
      expect(insertHybridLesions(blood, frame, seed, { anatomy: rule, maxAttempts: 10 }).lesions).toHaveLength(0);
    }
  });

  it('places lesions in fat, and none beyond the surface band it is given', () => {
    const fat = uniformVolume(-100, { noiseHu: 10 });
    const surface = (p: Vec3) => Math.hypot(p[0], p[1], p[2]) - 40; // a 40 mm ball round the origin
    let placed = 0;
    for (let seed = 0; seed < 12; seed++) {
      const c = insertHybridLesions(fat, frame, seed, {
        anatomy: { ...rule, surfaceBandMm: [-6, 12] },
        surfaceDistance: surface,
      });
      for (const l of c.lesions) {
        placed++;
        if (l.artery !== 'LM') expect(Math.abs(surface(l.centreMm) - 3)).toBeLessThanOrEqual(9);
      }
    }
    expect(placed).toBeGreaterThan(5);
  });
});
