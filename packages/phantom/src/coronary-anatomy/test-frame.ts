/** Hand-made heart frames for the anatomy and hybrid tests (LPS mm). */
import type { HeartFrame } from '@cacscreen/scoring';
import { cross, normalize, scale, sub, dot, type Vec3 } from '../vec';

/** Long axis `azimuthDeg` left of anterior and `elevationDeg` caudal; anterior = the front made perpendicular. */
export function typicalHeartFrame(
  centreMm: Vec3 = [0, 0, 0],
  radiiMm: Vec3 = [60, 45, 45],
  aorticRootMm: Vec3 | null = null,
  azimuthDeg = 45,
  elevationDeg = 25,
): HeartFrame {
  const az = (azimuthDeg * Math.PI) / 180;
  const el = (elevationDeg * Math.PI) / 180;
  const longAxis: Vec3 = [Math.sin(az) * Math.cos(el), -Math.cos(az) * Math.cos(el), -Math.sin(el)];
  const front: Vec3 = [0, -1, 0];
  const anteriorAxis = normalize(sub(front, scale(longAxis, dot(front, longAxis))));
  return { centreMm, longAxis, anteriorAxis, thirdAxis: cross(longAxis, anteriorAxis), radiiMm, aorticRootMm };
}
