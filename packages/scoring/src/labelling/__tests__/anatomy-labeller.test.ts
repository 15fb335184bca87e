import { computeAgatston } from '../../agatston';
import { CalciumLabel } from '../../labels';
import { labelCalciumByAnatomy } from '../anatomy-labeller';
import { TOY_HEART_CENTRE, toyThorax } from './toy-thorax';

const [cx, cy] = TOY_HEART_CENTRE;
/** A point in the epicardial fat at an axial angle (0° patient left, 90° anterior) around the heart, height z. */
function onSurface(angleDeg: number, z = 0): [number, number, number] {
  const a = (angleDeg * Math.PI) / 180;
  return [cx + 48 * Math.cos(a), cy - 44 * Math.sin(a), z];
}

describe('anatomy labeller on a hand-built thorax', () => {
  it('finds the heart where it was built', () => {
    const { volume } = toyThorax();
    const result = labelCalciumByAnatomy(volume);
    expect(result.heart.found).toBe(true);
    if (!result.heart.found) return;
    const [x, y] = result.heart.frame.centreMm;
    expect(Math.hypot(x - cx, y - cy)).toBeLessThan(8);
  });

  it('calls calcium in the epicardial fat coronary, by groove: front-left LAD, right RCA, left-lateral LCX', () => {
    const toy = toyThorax();
    toy.addCalcium(onSurface(70), 450);
    toy.addCalcium(onSurface(160), 450);
    toy.addCalcium(onSurface(-35, -15), 450);
    const labels = labelCalciumByAnatomy(toy.volume).labels;
    const at = (p: [number, number, number]) => {
      const [x0, y0, z0] = toy.volume.originMm;
      const i = Math.round(p[0] - x0) + Math.round(p[1] - y0) * 200 + Math.round((p[2] - z0) / 3) * 200 * 180;
      return labels[i];
    };
    expect(at(onSurface(70))).toBe(CalciumLabel.LAD);
    expect(at(onSurface(160))).toBe(CalciumLabel.RCA);
    expect(at(onSurface(-35, -15))).toBe(CalciumLabel.LCX);
  });

  it('does not count calcium inside the heart, bone, or a faint noise speck', () => {
    const toy = toyThorax();
    toy.addCalcium([cx, cy + 8, 0], 600, [4, 4, 2]); // valve-like, deep inside the heart
    toy.addCalcium(onSurface(100), 140, [1, 1, 1]); // one noisy voxel in fat
    const result = labelCalciumByAnatomy(toy.volume);
    expect(computeAgatston(toy.volume, result.labels).agatston.total).toBe(0);
    expect(result.candidates.some((c) => c.decision === 'coronary')).toBe(false);
  });

  it('reports a series without lungs as having no heart, with a reason', () => {
    const { volume } = toyThorax();
    const noLungs = { ...volume, hu: volume.hu.map((v) => (v === -850 ? 40 : v)) };
    const result = labelCalciumByAnatomy(noLungs);
    expect(result.heart.found).toBe(false);
    if (!result.heart.found) expect(result.heart.reason).toMatch(/lung|heart/);
    expect(result.labels.every((l) => l === 0)).toBe(true);
  });
});
