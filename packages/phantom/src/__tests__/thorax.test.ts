import { createHash } from 'crypto';
import { computeAgatston } from '@cacscreen/scoring';
import { voxelToPatientMm } from '@cacscreen/dicom';
import { generateThorax, PhantomSettingsError, referenceAgatston, type PhantomStudy } from '..';

const md5 = (a: ArrayBufferView) =>
  createHash('md5')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');

/** Voxel index nearest to a patient point (axial volume, identity directions). */
function voxelAt(s: PhantomStudy, p: [number, number, number]): [number, number, number] {
  const v = s.volume;
  return [0, 1, 2].map((a) => Math.round((p[a] - v.originMm[a]) / v.spacingMm[a])) as [number, number, number];
}

function boxStats(s: PhantomStudy, centre: [number, number, number], half: [number, number, number]) {
  const [cols, rows] = s.volume.dims;
  const values: number[] = [];
  for (let z = centre[2] - half[2]; z <= centre[2] + half[2]; z++)
    for (let y = centre[1] - half[1]; y <= centre[1] + half[1]; y++)
      for (let x = centre[0] - half[0]; x <= centre[0] + half[0]; x++)
        values.push(s.volume.hu[x + y * cols + z * cols * rows]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, sd };
}

describe('generateThorax', () => {
  it('is a pure function of seed and settings', () => {
    const a = generateThorax({ seed: 11, burden: 'moderate' });
    const b = generateThorax({ seed: 11, burden: 'moderate' });
    const c = generateThorax({ seed: 12, burden: 'moderate' });
    expect(md5(a.volume.hu)).toBe(md5(b.volume.hu));
    expect(md5(a.labels)).toBe(md5(b.labels));
    expect(a.lesions).toEqual(b.lesions);
    expect(md5(c.volume.hu)).not.toBe(md5(a.volume.hu));
  });

  it('has the requested geometry', () => {
    const s = generateThorax({ seed: 3, sliceThicknessMm: 2.5, coverageMm: 160, matrix: 200, pixelSpacingMm: 1.6 });
    expect(s.volume.dims).toEqual([200, 200, 64]);
    expect(s.volume.spacingMm).toEqual([1.6, 1.6, 2.5]);
    expect(s.volume.sliceThicknessMm).toBe(2.5);
    expect(s.volume.kvp).toBe(120);
    expect(s.volume.hu.length).toBe(200 * 200 * 64);
    expect(s.labels.length).toBe(s.volume.hu.length);
    // The field of view is centred on the body: voxel centre of the image centre is at x = y = 0.
    const centre = voxelToPatientMm(s.volume, 99.5, 99.5, 0);
    expect(centre[0]).toBeCloseTo(0, 6);
    expect(centre[1]).toBeCloseTo(0, 6);
  });

  it('gives tissues realistic HU and the requested noise', () => {
    const s = generateThorax({ seed: 5, noiseHu: 15, burden: 'none', distractors: false });
    const zHeart = voxelAt(s, s.landmarks.heartCentreMm)[2];
    const air = boxStats(s, [5, 5, zHeart], [3, 3, 1]);
    expect(air.mean).toBeGreaterThan(-1010);
    expect(air.mean).toBeLessThan(-985);
    const heart = boxStats(s, voxelAt(s, s.landmarks.heartCentreMm), [3, 3, 1]);
    expect(heart.mean).toBeGreaterThan(25);
    expect(heart.mean).toBeLessThan(60);
    expect(heart.sd).toBeGreaterThan(12);
    expect(heart.sd).toBeLessThan(18);
    const rightLung = boxStats(s, voxelAt(s, [-80, 0, s.landmarks.heartCentreMm[2]]), [3, 3, 1]);
    expect(rightLung.mean).toBeGreaterThan(-900);
    expect(rightLung.mean).toBeLessThan(-800);
    // Bone: cortical bone reaches 700–1200 HU; nothing in the volume beyond bone plus noise.
    let max = -Infinity;
    for (const v of s.volume.hu) if (v > max) max = v;
    expect(max).toBeGreaterThan(900);
    expect(max).toBeLessThan(1150);
    // Vertebral body straight behind the heart, on the midline: marrow / cortex above 200 HU somewhere in the column.
    const [cols, rows] = s.volume.dims;
    const [, yHeart, zc] = voxelAt(s, s.landmarks.heartCentreMm);
    const cx = Math.round(cols / 2);
    let spineMax = -Infinity;
    for (let y = yHeart; y < rows; y++) spineMax = Math.max(spineMax, s.volume.hu[cx + y * cols + zc * cols * rows]);
    expect(spineMax).toBeGreaterThan(600);

    const lowDose = generateThorax({ seed: 5, noiseHu: 60, burden: 'none', distractors: false });
    const noisy = boxStats(lowDose, voxelAt(lowDose, lowDose.landmarks.heartCentreMm), [4, 4, 1]);
    expect(noisy.sd).toBeGreaterThan(50);
    expect(noisy.sd).toBeLessThan(70);
  });

  it('labels only calcium at or above 130 HU, and never bone', () => {
    const s = generateThorax({ seed: 8, burden: 'high' });
    const counts = new Array(7).fill(0);
    let belowThreshold = 0;
    for (let i = 0; i < s.labels.length; i++) {
      const l = s.labels[i];
      counts[Math.min(6, l)]++;
      if (l > 0 && s.volume.hu[i] < 130) belowThreshold++;
    }
    expect(counts[6]).toBe(0);
    expect(belowThreshold).toBe(0);
    expect(counts.slice(1, 5).reduce((a, b) => a + b, 0)).toBeGreaterThan(50);
    let bone = 0;
    let boneLabelled = 0;
    for (let i = 0; i < s.labels.length; i++) {
      if (s.volume.hu[i] > 600) {
        bone++;
        if (s.labels[i] !== 0) boneLabelled++;
      }
    }
    // Only calcium deposits with a peak above 600 HU can be labelled among the > 600 HU voxels; bone dominates.
    expect(boneLabelled / bone).toBeLessThan(0.05);
    for (const l of s.lesions) expect(l.voxelCount).toBeGreaterThan(0);
  });

  it('rejects bad settings with a named field', () => {
    expect(() => generateThorax({ sliceThicknessMm: 7 })).toThrow(PhantomSettingsError);
    expect(() => generateThorax({ sliceThicknessMm: 7 })).toThrow(/sliceThicknessMm must be a number in \[0.625, 5\]/);
    expect(() => generateThorax({ matrix: 1024 })).toThrow(/matrix/);
    expect(() => generateThorax({ burden: 'severe' as never })).toThrow(/burden/);
  });
});

describe('calcium burden', () => {
  const bins = { none: [0, 0], low: [1, 99.999], moderate: [100, 399.999], high: [400, Infinity] } as const;
  const cases: Array<[keyof typeof bins, number, number]> = [];
  for (const burden of ['none', 'low', 'moderate', 'high'] as const) {
    for (const seed of [21, 22, 23, 24]) cases.push([burden, seed, 3]);
    cases.push([burden, 25, 1]);
    cases.push([burden, 26, 5]);
  }
  it.each(cases)('%s (seed %i, %i mm) lands in its Agatston bin', (burden, seed, thickness) => {
    const s = generateThorax({ seed, burden, sliceThicknessMm: thickness });
    const total = computeAgatston(s.volume, s.labels).agatston.total;
    expect(total).toBeGreaterThanOrEqual(bins[burden][0]);
    expect(total).toBeLessThanOrEqual(bins[burden][1]);
  });

  it('agrees with an independent scorer on the same labels', () => {
    for (const seed of [31, 32]) {
      const s = generateThorax({ seed, burden: 'high' });
      const v = s.volume;
      const ref = referenceAgatston(v.hu, s.labels, v.dims, v.spacingMm, v.sliceThicknessMm);
      const product = computeAgatston(v, s.labels).agatston;
      const refCoronary = ref[1] + ref[2] + ref[3] + ref[4];
      expect(Math.abs(product.total - refCoronary) / refCoronary).toBeLessThan(0.02);
      // Per-lesion contributions (each scored alone while it was placed) add up to the whole.
      const sum = s.lesions.filter((l) => l.kind === 'coronary').reduce((a, l) => a + l.agatston, 0);
      expect(Math.abs(sum - refCoronary) / refCoronary).toBeLessThan(0.02);
    }
  });
});

describe('coronary lesion anatomy', () => {
  it.each([41, 42, 43, 44])('seed %i: arteries sit where they belong around the heart', (seed) => {
    const s = generateThorax({ seed, burden: 'high' });
    const heart = s.landmarks.heartCentreMm;
    const coronary = s.lesions.filter((l) => l.kind === 'coronary');
    const of = (a: string) => coronary.filter((l) => l.artery === a);
    const mean = (ls: typeof coronary, k: number) => ls.reduce((acc, l) => acc + l.centreMm[k], 0) / ls.length;
    // RCA: right of the heart centre (patient right = smaller x). LAD: anterior (smaller y) of the heart centre.
    // The RCA's posterior descending part reaches the crux, so only its mean is required to lie right of the centre.
    if (of('RCA').length) expect(mean(of('RCA'), 0)).toBeLessThan(heart[0]);
    if (of('RCA').length && of('LCX').length) expect(mean(of('RCA'), 0)).toBeLessThan(mean(of('LCX'), 0));
    for (const l of of('LAD')) expect(l.centreMm[1]).toBeLessThan(heart[1] + 10);
    // LCX runs posterior to the LAD; LM sits superior to the heart centre, near the aortic root.
    if (of('LCX').length && of('LAD').length) expect(mean(of('LCX'), 1)).toBeGreaterThan(mean(of('LAD'), 1));
    for (const l of of('LM')) {
      expect(l.centreMm[2]).toBeGreaterThan(heart[2]);
      const d = Math.hypot(...[0, 1, 2].map((k) => l.centreMm[k] - s.landmarks.aorticRootMm[k]));
      expect(d).toBeLessThan(45);
    }
    // The label map carries each lesion's artery at its centre neighbourhood.
    const v = s.volume;
    const [cols, rows] = v.dims;
    for (const l of coronary) {
      const [x, y, z] = voxelAt(s, l.centreMm);
      const seen = new Set<number>();
      for (let dz = -1; dz <= 1; dz++)
        for (let dy = -2; dy <= 2; dy++)
          for (let dx = -2; dx <= 2; dx++) {
            const zz = z + dz;
            if (zz < 0 || zz >= v.dims[2]) continue;
            const lab = s.labels[x + dx + (y + dy) * cols + zz * cols * rows];
            if (lab) seen.add(lab);
          }
      expect([...seen]).toEqual([l.label]);
    }
  });
});
