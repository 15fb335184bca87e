import { surroundingsOf } from './surroundings';
import { uniformVolume } from './test-volume';

describe('what surrounds a lesion position', () => {
  it('reads fat as fat, blood as neither fat nor lung, and lung as lung', () => {
    expect(surroundingsOf(uniformVolume(-100), [0, 0, 0])).toMatchObject({ fatShare: 1, lungShare: 0 });
    expect(surroundingsOf(uniformVolume(40), [0, 0, 0])).toMatchObject({ fatShare: 0, lungShare: 0 });
    expect(surroundingsOf(uniformVolume(-850), [0, 0, 0])).toMatchObject({ fatShare: 0, lungShare: 1 });
  });

  it('gives the share of each side at a boundary: fat on the left half, lung on the right', () => {
    const volume = uniformVolume(-100);
    const [cols] = volume.dims;
    for (let i = 0; i < volume.hu.length; i++) if (i % cols >= cols / 2) volume.hu[i] = -850;
    const around = surroundingsOf(volume, [0, 0, 0]);
    // 26 directions: 9 point right, 9 left, 8 in the plane between (sampled on the nearest voxel: either side).
    expect(around.fatShare).toBeGreaterThan(0.3);
    expect(around.lungShare).toBeGreaterThan(0.3);
    expect(around.fatShare + around.lungShare).toBeCloseTo(1, 5);
  });

  it('leaves points outside the volume out of the shares', () => {
    const volume = uniformVolume(-100);
    const corner = volume.originMm;
    const around = surroundingsOf(volume, [corner[0], corner[1], corner[2]]);
    expect(around.outsideShare).toBeGreaterThan(0.5);
    expect(around.fatShare).toBe(1);
  });
});
