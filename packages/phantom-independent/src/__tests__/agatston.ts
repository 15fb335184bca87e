/** Test helper: truth Agatston from volume + labels (threshold 130 HU, labels 1-4, 2-D components >= 1 mm^2). */
import type { Volume } from '@cacscreen/dicom';

export function truthAgatston(volume: Volume, labels: Uint8Array): { total: number; perLabel: number[] } {
  const [nx, ny, nz] = volume.dims;
  const area = volume.spacingMm[0] * volume.spacingMm[1];
  const perLabel = [0, 0, 0, 0, 0];
  const n = nx * ny;
  const seen = new Uint8Array(n);
  const stack: number[] = [];
  const ok = (o: number, i: number) => volume.hu[o + i] >= 130 && labels[o + i] >= 1 && labels[o + i] <= 4;
  for (let z = 0; z < nz; z++) {
    const o = z * n;
    seen.fill(0);
    for (let i = 0; i < n; i++) {
      if (seen[i] || !ok(o, i)) continue;
      seen[i] = 1;
      stack.push(i);
      let count = 0;
      let peak = 0;
      const votes = [0, 0, 0, 0, 0];
      while (stack.length) {
        const j = stack.pop() as number;
        count++;
        peak = Math.max(peak, volume.hu[o + j]);
        votes[labels[o + j]]++;
        const x = j % nx;
        const nb = [x > 0 ? j - 1 : -1, x < nx - 1 ? j + 1 : -1, j - nx, j + nx];
        for (const q of nb) {
          if (q < 0 || q >= n || seen[q] || !ok(o, q)) continue;
          seen[q] = 1;
          stack.push(q);
        }
      }
      const a = count * area;
      if (a < 1) continue;
      const w = peak >= 400 ? 4 : peak >= 300 ? 3 : peak >= 200 ? 2 : 1;
      const lab = votes.indexOf(Math.max(...votes));
      perLabel[lab] += (a * w * volume.spacingMm[2]) / 3;
    }
  }
  return { total: perLabel.reduce((s, v) => s + v, 0), perLabel };
}
