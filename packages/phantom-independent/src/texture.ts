/** A small tileable smooth random field (unit SD) for lung parenchyma and bowel mottling. */
import { Rng } from './rng';

export const TEX = 128;

export function makeTexture(rng: Rng): Float64Array {
  const a = new Float64Array(TEX * TEX);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  const b = new Float64Array(TEX * TEX);
  for (let pass = 0; pass < 3; pass++) {
    for (let y = 0; y < TEX; y++) {
      for (let x = 0; x < TEX; x++) {
        let s = 0;
        for (let d = -2; d <= 2; d++) s += a[y * TEX + ((x + d + TEX) & (TEX - 1))];
        b[y * TEX + x] = s / 5;
      }
    }
    for (let y = 0; y < TEX; y++) {
      for (let x = 0; x < TEX; x++) {
        let s = 0;
        for (let d = -2; d <= 2; d++) s += b[((y + d + TEX) & (TEX - 1)) * TEX + x];
        a[y * TEX + x] = s / 5;
      }
    }
  }
  let m = 0;
  let v = 0;
  for (const t of a) m += t;
  m /= a.length;
  for (const t of a) v += (t - m) * (t - m);
  const sd = Math.sqrt(v / a.length) || 1;
  for (let i = 0; i < a.length; i++) a[i] = (a[i] - m) / sd;
  return a;
}
