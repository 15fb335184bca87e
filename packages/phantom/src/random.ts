/**
 * Small seeded pseudo-random source (mulberry32 core + Box–Muller normals) so that every phantom is a pure function
 * of its seed and settings. Not for cryptography.
 */
export class Rng {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = hashSeed(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with the given non-negative weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal deviate (Box–Muller, both values used). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = this.next();
    while (u <= 1e-12) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Independent child stream, so that adding draws to one part of the generator does not shift another. */
  fork(label: number): Rng {
    return new Rng(mixSeeds(Math.floor(this.next() * 4294967296), label));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** Scrambles a seed (any finite number) into a 32-bit state so that nearby seeds give unrelated streams. */
export function hashSeed(seed: number): number {
  let h = (Math.floor(Math.abs(seed)) % 4294967296) ^ (seed < 0 ? 0x9e3779b9 : 0);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Combines two seeds into one (order matters). */
export function mixSeeds(a: number, b: number): number {
  return hashSeed((hashSeed(a) ^ Math.imul(hashSeed(b) + 0x9e3779b9, 0x27d4eb2d)) >>> 0);
}

/** Quantiles of the standard normal at (k + 0.5) / 65536, built once (Acklam's rational approximation). */
let normalTable: Float64Array | null = null;

function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

function getNormalTable(): Float64Array {
  if (!normalTable) {
    normalTable = new Float64Array(65536);
    for (let k = 0; k < 65536; k++) normalTable[k] = inverseNormal((k + 0.5) / 65536);
  }
  return normalTable;
}

/**
 * Fills `out` with independent N(0, sigma²) deviates from a seeded xorshift128 stream: each 32-bit draw gives two
 * table quantiles whose scaled sum is normal. No Math.* calls in the loop, which keeps it fast inside Jest's VM
 * contexts too (where built-in calls are slow). Tails reach ±6σ.
 */
export function fillNormal(out: Float32Array, sigma: number, seed: number): void {
  const table = getNormalTable();
  let x = hashSeed(seed) | 1;
  let y = hashSeed(seed + 1) | 0;
  let z = hashSeed(seed + 2) | 0;
  let w = hashSeed(seed + 3) | 0;
  const s = sigma * Math.SQRT1_2;
  for (let i = 0; i < out.length; i++) {
    const t = x ^ (x << 11);
    x = y;
    y = z;
    z = w;
    w = w ^ (w >>> 19) ^ (t ^ (t >>> 8));
    out[i] = (table[w & 0xffff] + table[(w >>> 16) & 0xffff]) * s;
  }
}
