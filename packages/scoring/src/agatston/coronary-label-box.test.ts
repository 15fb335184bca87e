import { coronaryLabelBox } from './score-slices';

describe('coronaryLabelBox', () => {
  it('finds a coronary label (1–4) at any position among any other label values, four at a time or not', () => {
    const fillers = Array.from({ length: 256 }, (_, v) => v).filter((v) => v < 1 || v > 4);
    for (const filler of fillers) {
      for (const label of [1, 2, 3, 4]) {
        for (let x = 0; x < 10; x++) {
          const labels = new Uint8Array(10).fill(filler);
          labels[x] = label;
          expect(coronaryLabelBox(labels, [10, 1, 1])).toEqual({ x0: x, x1: x + 1, y0: 0, y1: 1, z0: 0, z1: 1 });
        }
      }
      expect(coronaryLabelBox(new Uint8Array(10).fill(filler), [10, 1, 1])).toBeNull();
    }
  });

  it('spans every coronary voxel of a volume of other calcium', () => {
    const dims: [number, number, number] = [16, 8, 4];
    const labels = new Uint8Array(16 * 8 * 4).fill(5);
    labels[1 * 128 + 2 * 16 + 3] = 2; // z 1, y 2, x 3
    labels[3 * 128 + 6 * 16 + 12] = 4; // z 3, y 6, x 12
    expect(coronaryLabelBox(labels, dims)).toEqual({ x0: 3, x1: 13, y0: 2, y1: 7, z0: 1, z1: 4 });
  });
});
