/** The options that give the CNN training data its variety: slice thickness, kernel, body habitus, hard negatives. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { computeAgatston } from '@cacscreen/scoring';
import { generateThorax, writeStudyDicom, type PhantomSettings, type PhantomStudy } from '..';

type Vec = [number, number, number];

function voxelAt(s: PhantomStudy, p: readonly number[]): Vec {
  const v = s.volume;
  return [0, 1, 2].map((a) => Math.round((p[a] - v.originMm[a]) / v.spacingMm[a])) as Vec;
}

/** Heart ellipsoid (myocardium) grown by growMm: < 1 inside. */
function heartQ(s: PhantomStudy, p: readonly number[], growMm: number): number {
  const { heartCentreMm: c, heartAxis, heartAnterior, heartLeft, heartSemiAxesMm: semi } = s.landmarks;
  const d = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
  const dot = (u: readonly number[]) => d[0] * u[0] + d[1] * u[1] + d[2] * u[2];
  return [heartAxis, heartAnterior, heartLeft].reduce((acc, u, k) => acc + (dot(u) / (semi[k] + growMm)) ** 2, 0);
}

/** Mean, SD and mean squared neighbour difference / variance in a box of one slice. */
function texture(s: PhantomStudy, centre: Vec, half: number) {
  const [cols, rows] = s.volume.dims;
  const hu = s.volume.hu;
  const values: number[] = [];
  let diff2 = 0;
  for (let y = centre[1] - half; y <= centre[1] + half; y++)
    for (let x = centre[0] - half; x <= centre[0] + half; x++) {
      const i = x + y * cols + centre[2] * cols * rows;
      values.push(hu[i]);
      diff2 += (hu[i + 1] - hu[i]) ** 2 + (hu[i + cols] - hu[i]) ** 2;
    }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, sd: Math.sqrt(variance), hf: diff2 / (2 * values.length) / variance };
}

function sliceOf(s: PhantomStudy, z: number): Int16Array {
  const plane = s.volume.dims[0] * s.volume.dims[1];
  return s.volume.hu.subarray(z * plane, (z + 1) * plane);
}

describe('settings validation', () => {
  it('names the bad field', () => {
    const bad: Array<[Partial<PhantomSettings>, RegExp]> = [
      [{ sliceThicknessMm: 0.5 }, /sliceThicknessMm must be a number in \[0.625, 5\], got 0.5/],
      [{ kernel: 'soft' as never }, /kernel must be smooth \| sharp, got soft/],
      [{ bodyScale: 0.7 }, /bodyScale must be a number in \[0.8, 1.35\], got 0.7/],
      [{ bodyScale: 1.4 }, /bodyScale/],
      [{ bodyScale: NaN }, /bodyScale/],
      [{ hardNegatives: 'yes' as never }, /hardNegatives must be true or false, got yes/],
      [{ distractors: 1 as never }, /distractors must be true or false/],
    ];
    for (const [settings, message] of bad) {
      expect(() => generateThorax(settings)).toThrow(expect.objectContaining({ code: 'PHANTOM_BAD_SETTINGS' }));
      expect(() => generateThorax(settings)).toThrow(message);
    }
  });

  it('takes 0.625 mm slices and still lands in the burden bin', () => {
    const s = generateThorax({
      seed: 9,
      matrix: 128,
      pixelSpacingMm: 2.2,
      sliceThicknessMm: 0.625,
      coverageMm: 120,
      burden: 'moderate',
    });
    expect(s.volume.dims[2]).toBe(192);
    expect(s.volume.spacingMm[2]).toBe(0.625);
    const total = computeAgatston(s.volume, s.labels).agatston.total;
    expect(total).toBeGreaterThanOrEqual(100);
    expect(total).toBeLessThan(400);
  });
});

describe('kernel', () => {
  const base = { seed: 5, burden: 'none', distractors: false } as const;

  it('sharp: same anatomy and noise level, finer noise texture, crisper edges with overshoot', () => {
    const smooth = generateThorax(base);
    const sharp = generateThorax({ ...base, kernel: 'sharp' });
    expect(sharp.landmarks).toEqual(smooth.landmarks);
    const c = voxelAt(smooth, smooth.landmarks.heartCentreMm);
    const ts = texture(smooth, c, 8);
    const tk = texture(sharp, c, 8);
    // Noise σ is the setting (15 HU) for both kernels.
    for (const t of [ts, tk]) {
      expect(t.sd).toBeGreaterThan(12);
      expect(t.sd).toBeLessThan(18);
    }
    // White noise: neighbour-difference energy ≈ 2 × variance; the sharp kernel's high-pass noise ≈ 2.6–2.9.
    expect(ts.hf).toBeGreaterThan(1.6);
    expect(ts.hf).toBeLessThan(2.4);
    expect(tk.hf).toBeGreaterThan(ts.hf + 0.4);

    // Without noise: more gradient energy in the whole slice, and bone edges overshoot.
    const s0 = generateThorax({ ...base, noiseHu: 0 });
    const k0 = generateThorax({ ...base, noiseHu: 0, kernel: 'sharp' });
    const energy = (img: Int16Array, cols: number) => {
      let e = 0;
      for (let i = 0; i + 1 < img.length; i++) if ((i + 1) % cols !== 0) e += (img[i + 1] - img[i]) ** 2;
      return e;
    };
    const cols = s0.volume.dims[0];
    expect(energy(sliceOf(k0, c[2]), cols)).toBeGreaterThan(1.3 * energy(sliceOf(s0, c[2]), cols));
    const max = (a: Int16Array) => a.reduce((m, v) => (v > m ? v : m), -Infinity);
    expect(max(k0.volume.hu)).toBeGreaterThan(max(s0.volume.hu) + 150);
  });

  it.each([
    ['low', 22, 1, 99.999],
    ['high', 23, 400, Infinity],
  ] as const)('sharp: %s burden (seed %i) stays in its Agatston bin', (burden, seed, lo, hi) => {
    const s = generateThorax({ seed, burden, kernel: 'sharp' });
    const total = computeAgatston(s.volume, s.labels).agatston.total;
    expect(total).toBeGreaterThanOrEqual(lo);
    expect(total).toBeLessThanOrEqual(hi);
  });

  it('sharp studies carry a sharp ConvolutionKernel name and their own UIDs', async () => {
    const small = { seed: 2, matrix: 64, pixelSpacingMm: 3, coverageMm: 120, sliceThicknessMm: 5 } as const;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'phantom-kernel-'));
    try {
      const patient = {
        name: 'P^Q',
        id: 'P1',
        sex: 'M' as const,
        age: 60,
        birthDate: '19600101',
        studyDate: '20200101',
      };
      const sharp = await writeStudyDicom(generateThorax({ ...small, kernel: 'sharp' }), path.join(dir, 'a'), patient);
      const smooth = await writeStudyDicom(generateThorax(small), path.join(dir, 'b'), patient);
      const text = (await fs.readFile(sharp.files[0])).toString('latin1');
      expect(text).toMatch(/B70f|B60f|BONE|LUNG|Br64/);
      expect(sharp.studyInstanceUid).not.toBe(smooth.studyInstanceUid);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bodyScale', () => {
  it('scales the body habitus: width, depth, subcutaneous fat, a little heart', () => {
    const measure = (bodyScale: number) => {
      const s = generateThorax({ seed: 4, bodyScale, pixelSpacingMm: 2, burden: 'none' });
      const [cols, rows] = s.volume.dims;
      const [cx, cy, cz] = voxelAt(s, s.landmarks.heartCentreMm);
      const img = sliceOf(s, cz);
      let width = 0;
      let depth = 0;
      let fat = 0;
      for (let x = 0; x < cols; x++) if (img[x + cy * cols] > -950) width++;
      for (let y = 0; y < rows; y++) if (img[cx + y * cols] > -950) depth++;
      for (const v of img) if (v > -160 && v < -40) fat++;
      return { width: width * 2, depth: depth * 2, fat, heart: s.landmarks.heartSemiAxesMm[1] };
    };
    const small = measure(0.8);
    const normal = measure(1);
    const large = measure(1.35);
    expect(small.width).toBeLessThan(0.92 * normal.width);
    expect(large.width).toBeGreaterThan(1.12 * normal.width);
    expect(small.depth).toBeLessThan(0.92 * normal.depth);
    expect(large.depth).toBeGreaterThan(1.12 * normal.depth);
    expect(large.fat).toBeGreaterThan(1.5 * normal.fat);
    expect(small.fat).toBeLessThan(0.8 * normal.fat);
    expect(large.heart / normal.heart).toBeGreaterThan(1.02);
    expect(large.heart / normal.heart).toBeLessThan(1.08);
  });
});

describe('hardNegatives', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const studies = new Map<number, PhantomStudy>();
  const hard = (seed: number) => {
    if (!studies.has(seed)) studies.set(seed, generateThorax({ seed, hardNegatives: true }));
    return studies.get(seed)!;
  };
  const first = (kinds: string[]) => seeds.find((seed) => hard(seed).hardNegatives.some((f) => kinds.includes(f.kind)));

  it('adds at least one (typically 1–3) per study, and every kind turns up over ten seeds', () => {
    const kinds = new Set<string>();
    let total = 0;
    for (const seed of seeds) {
      const s = hard(seed);
      expect(s.hardNegatives.length).toBeGreaterThanOrEqual(1);
      total += s.hardNegatives.length;
      for (const f of s.hardNegatives) kinds.add(f.kind);
    }
    expect(total / seeds.length).toBeGreaterThanOrEqual(1.2);
    expect(total / seeds.length).toBeLessThanOrEqual(3);
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['aortic-root', 'lymph-node', 'rib-contact', 'sternum-contact', 'sternal-wires']),
    );
  });

  it('keeps the labels honest: only deposits ≥ 130 HU, nothing ≥ 2000 HU, label 5 for every new deposit', () => {
    for (const seed of seeds) {
      const s = hard(seed);
      let wrong = 0;
      for (let i = 0; i < s.labels.length; i++) {
        if (s.labels[i] !== 0 && (s.volume.hu[i] < 130 || s.volume.hu[i] >= 2000)) wrong++;
      }
      expect(wrong).toBe(0);
      for (const l of s.lesions) {
        if (l.kind === 'lymph-node' || l.kind === 'aortic-root') expect(l.label).toBe(5);
        expect(l.voxelCount).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('calcified lymph nodes are label 5, outside the heart and apart from coronary lesions', () => {
    let nodes = 0;
    for (const seed of seeds) {
      const s = hard(seed);
      const [cols, rows, slices] = s.volume.dims;
      const coronary = s.lesions.filter((l) => l.kind === 'coronary');
      for (const l of s.lesions.filter((x) => x.kind === 'lymph-node')) {
        nodes++;
        expect(l.label).toBe(5);
        expect(l.artery).toBeNull();
        expect(l.peakHu).toBeGreaterThanOrEqual(200);
        expect(l.peakHu).toBeLessThanOrEqual(900);
        for (const a of l.semiAxesMm) {
          expect(a).toBeGreaterThanOrEqual(1);
          expect(a).toBeLessThanOrEqual(3);
        }
        expect(heartQ(s, l.centreMm, 2)).toBeGreaterThan(1);
        for (const c of coronary) {
          const d = Math.hypot(...[0, 1, 2].map((k) => c.centreMm[k] - l.centreMm[k]));
          expect(d).toBeGreaterThan(Math.max(...c.semiAxesMm) + Math.max(...l.semiAxesMm));
        }
        // Around its centre the label map holds only label 5 (never a coronary label).
        const [x, y, z] = voxelAt(s, l.centreMm);
        for (let dz = -1; dz <= 1; dz++)
          for (let dy = -3; dy <= 3; dy++)
            for (let dx = -3; dx <= 3; dx++) {
              if (z + dz < 0 || z + dz >= slices) continue;
              const lab = s.labels[x + dx + (y + dy) * cols + (z + dz) * cols * rows];
              expect([0, 5]).toContain(lab);
            }
      }
    }
    expect(nodes).toBeGreaterThanOrEqual(2);
  });

  it('metal is ≥ 2000 HU and label 0, with alternating bright and dark streaks in its slices', () => {
    const seed = first(['sternal-wires', 'pacemaker-lead']);
    expect(seed).toBeDefined();
    const s = hard(seed!);
    let metal = 0;
    let labelled = 0;
    for (let i = 0; i < s.labels.length; i++) {
      if (s.volume.hu[i] >= 2000) {
        metal++;
        if (s.labels[i] !== 0) labelled++;
      }
    }
    expect(metal).toBeGreaterThan(10);
    expect(labelled).toBe(0);
    // Same seed without hard negatives: same noise, so the difference in the metal's slice is the metal and streaks.
    const plain = generateThorax({ seed: seed! });
    const f = s.hardNegatives.find((x) => x.kind === 'sternal-wires' || x.kind === 'pacemaker-lead')!;
    const [cx, cy, cz] = voxelAt(s, f.centreMm);
    const [cols] = s.volume.dims;
    const a = sliceOf(s, cz);
    const b = sliceOf(plain, cz);
    const px = s.volume.spacingMm[0];
    let bright = 0;
    let dark = 0;
    for (let y = 0; y < cols; y++)
      for (let x = 0; x < cols; x++) {
        const r = Math.hypot(x - cx, y - cy) * px;
        if (r < 15 || r > 70 || b[x + y * cols] < -950 || b[x + y * cols] > 200) continue;
        const d = a[x + y * cols] - b[x + y * cols];
        if (d > 40) bright++;
        if (d < -40) dark++;
      }
    expect(bright).toBeGreaterThan(15);
    expect(dark).toBeGreaterThan(15);
  });

  it.each([['rib-contact'], ['sternum-contact']])('%s: bone abuts the pericardium and stays label 0', (kind) => {
    const seed = first([kind]);
    expect(seed).toBeDefined();
    const s = hard(seed!);
    const plain = generateThorax({ seed: seed! });
    const f = s.hardNegatives.find((x) => x.kind === kind)!;
    // The contact lies in the epicardial fat layer: outside the myocardium, within 14 mm of it.
    expect(heartQ(s, f.centreMm, 0)).toBeGreaterThan(1);
    expect(heartQ(s, f.centreMm, 14)).toBeLessThan(1);
    const [cols, rows, slices] = s.volume.dims;
    const [sx, , sz] = s.volume.spacingMm;
    const [cx, cy, cz] = voxelAt(s, f.centreMm);
    const r = Math.ceil(8 / sx);
    const rz = Math.ceil(8 / sz);
    let newBone = 0;
    let labelled = 0;
    for (let z = Math.max(0, cz - rz); z <= Math.min(slices - 1, cz + rz); z++)
      for (let y = cy - r; y <= cy + r; y++)
        for (let x = cx - r; x <= cx + r; x++) {
          const i = x + y * cols + z * cols * rows;
          if (s.volume.hu[i] >= 600 && plain.volume.hu[i] < 300) {
            newBone++;
            if (s.labels[i] !== 0) labelled++;
          }
        }
    expect(newBone).toBeGreaterThan(5);
    expect(labelled).toBe(0);
  });
});
