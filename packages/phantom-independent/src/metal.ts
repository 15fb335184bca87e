/** Metal (label 0): sternal wires after sternotomy and a pacemaker lead into the right ventricle. */
import { sternumAt } from './body';
import { Heart, radial, surfacePoint } from './heart';
import { Patient } from './patient';
import { Tissue } from './slice';
import { TubeGroup } from './tubes';
import { Vec3, madd, normalize, spline } from './vec';

export function buildMetal(p: Patient, h: Heart): { group: TubeGroup; points: Vec3[] } {
  const group = new TubeGroup({
    coreHu: 3000,
    coreTissue: Tissue.Metal,
    wallMm: 0,
    wallHu: 0,
    wallTissue: Tissue.Metal,
  });
  const points: Vec3[] = [];
  if (p.sternotomy) {
    const n = 5;
    for (let k = 0; k < n; k++) {
      const z = p.zSternTop - 15 - (k * (p.zSternTop - p.zSternBot - 25)) / (n - 1);
      const st = sternumAt(p, z);
      if (!st) continue;
      const loop: Vec3[] = [];
      for (let a = 0; a <= 16; a++) {
        const t = (a / 16) * 2 * Math.PI;
        loop.push([(st.hw + 1.5) * Math.cos(t), st.y + (st.ht + 1.5) * Math.sin(t), z]);
      }
      group.addPolyline(loop, 0.6);
      points.push([0, st.y, z]);
    }
  }
  if (p.pacemaker) {
    const tip = madd(surfacePoint(h, 0.75, radial(h, [0, -1, 0])), normalize(h.e1), -8);
    const ra = surfacePoint(h, -0.7, radial(h, normalize([-1, 0.1, 0.5])));
    const lead = spline([[70, -60, p.zSternTop + 20], [20, -40, p.zSternTop + 10], [-28, -12, p.zCarina], ra, tip], 3);
    group.addPolyline(lead, 1);
    points.push(tip);
  }
  return { group, points };
}
