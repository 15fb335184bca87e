/** The inverse DCT (libjpeg's islow integer IDCT, jidctint.c) with its range limiting, and libjpeg's fancy upsampling. */
import { BLOCK, type Component, DCT_SIZE } from './shared';

/** Arithmetic right shift with rounding, on values that may exceed 32 bits. */
export function descale(x: number, n: number): number {
  return Math.floor((x + 2 ** (n - 1)) / 2 ** n);
}

const CONST_BITS = 13;
const FIX_0_298631336 = 2446;
const FIX_0_390180644 = 3196;
const FIX_0_541196100 = 4433;
const FIX_0_765366865 = 6270;
const FIX_0_899976223 = 7373;
const FIX_1_175875602 = 9633;
const FIX_1_501321110 = 12299;
const FIX_1_847759065 = 15137;
const FIX_1_961570560 = 16069;
const FIX_2_053119869 = 16819;
const FIX_2_562915447 = 20995;
const FIX_3_072711026 = 25172;

/**
 * One 8-point islow IDCT (jidctint.c): even part via the rotation by sqrt(2)*c6, odd part via the butterfly
 * with z5. `get` reads input i, `put` writes output i; `shift` is the final descale.
 */
export function idct1d(
  d: Float64Array,
  base: number,
  stride: number,
  out: Float64Array,
  outBase: number,
  shift: number,
): void {
  const i0 = d[base];
  const i1 = d[base + stride];
  const i2 = d[base + 2 * stride];
  const i3 = d[base + 3 * stride];
  const i4 = d[base + 4 * stride];
  const i5 = d[base + 5 * stride];
  const i6 = d[base + 6 * stride];
  const i7 = d[base + 7 * stride];
  let z1 = (i2 + i6) * FIX_0_541196100;
  let tmp2 = z1 + i6 * -FIX_1_847759065;
  let tmp3 = z1 + i2 * FIX_0_765366865;
  let tmp0 = (i0 + i4) * 2 ** CONST_BITS;
  let tmp1 = (i0 - i4) * 2 ** CONST_BITS;
  const tmp10 = tmp0 + tmp3;
  const tmp13 = tmp0 - tmp3;
  const tmp11 = tmp1 + tmp2;
  const tmp12 = tmp1 - tmp2;
  tmp0 = i7;
  tmp1 = i5;
  tmp2 = i3;
  tmp3 = i1;
  z1 = tmp0 + tmp3;
  let z2 = tmp1 + tmp2;
  let z3 = tmp0 + tmp2;
  let z4 = tmp1 + tmp3;
  const z5 = (z3 + z4) * FIX_1_175875602;
  tmp0 *= FIX_0_298631336;
  tmp1 *= FIX_2_053119869;
  tmp2 *= FIX_3_072711026;
  tmp3 *= FIX_1_501321110;
  z1 *= -FIX_0_899976223;
  z2 *= -FIX_2_562915447;
  z3 *= -FIX_1_961570560;
  z4 *= -FIX_0_390180644;
  z3 += z5;
  z4 += z5;
  tmp0 += z1 + z3;
  tmp1 += z2 + z4;
  tmp2 += z2 + z3;
  tmp3 += z1 + z4;
  out[outBase] = descale(tmp10 + tmp3, shift);
  out[outBase + 7] = descale(tmp10 - tmp3, shift);
  out[outBase + 1] = descale(tmp11 + tmp2, shift);
  out[outBase + 6] = descale(tmp11 - tmp2, shift);
  out[outBase + 2] = descale(tmp12 + tmp1, shift);
  out[outBase + 5] = descale(tmp12 - tmp1, shift);
  out[outBase + 3] = descale(tmp13 + tmp0, shift);
  out[outBase + 4] = descale(tmp13 - tmp0, shift);
}

/** Dequantizes and inverse-transforms every block of a component into a plane of blocksPerLine*8 columns. */
export function idctComponent(c: Component, quant: Int32Array, precision: number): Uint16Array {
  const pass1Bits = precision === 8 ? 2 : 1;
  const center = 1 << (precision - 1);
  const maxSample = (1 << precision) - 1;
  const stride = c.blocksPerLine * DCT_SIZE;
  const plane = new Uint16Array(stride * c.blocksPerColumn * DCT_SIZE);
  const input = new Float64Array(BLOCK);
  const work = new Float64Array(BLOCK);
  const row = new Float64Array(DCT_SIZE);
  for (let by = 0; by < c.blocksPerColumn; by++) {
    for (let bx = 0; bx < c.blocksPerLine; bx++) {
      const offset = (by * c.blocksPerLine + bx) * BLOCK;
      for (let i = 0; i < BLOCK; i++) input[i] = c.coefficients[offset + i] * quant[i];
      // Pass 1: columns, into work (stored column-major by the output index of idct1d: work[col*8 + row]).
      for (let col = 0; col < DCT_SIZE; col++) {
        let acZero = true;
        for (let r = 1; r < DCT_SIZE; r++) if (input[r * DCT_SIZE + col] !== 0) acZero = false;
        if (acZero) {
          const dc = input[col] * 2 ** pass1Bits;
          for (let r = 0; r < DCT_SIZE; r++) work[r * DCT_SIZE + col] = dc;
          continue;
        }
        idct1d(input, col, DCT_SIZE, row, 0, CONST_BITS - pass1Bits);
        for (let r = 0; r < DCT_SIZE; r++) work[r * DCT_SIZE + col] = row[r];
      }
      // Pass 2: rows, with the final descale and range limit.
      for (let r = 0; r < DCT_SIZE; r++) {
        const base = r * DCT_SIZE;
        let acZero = true;
        for (let i = 1; i < DCT_SIZE; i++) if (work[base + i] !== 0) acZero = false;
        if (acZero) {
          const value = descale(work[base], pass1Bits + 3);
          row.fill(value);
        } else {
          idct1d(work, base, 1, row, 0, CONST_BITS + pass1Bits + 3);
        }
        const outBase = (by * DCT_SIZE + r) * stride + bx * DCT_SIZE;
        for (let i = 0; i < DCT_SIZE; i++) {
          const v = row[i] + center;
          plane[outBase + i] = v < 0 ? 0 : v > maxSample ? maxSample : v;
        }
      }
    }
  }
  return plane;
}

/** libjpeg h2v1 fancy upsampling (jdsample.c): triangle filter, 3/4 nearer + 1/4 further, alternating rounding. */
export function upsampleH2V1(src: Uint16Array, stride: number, width: number, dst: Uint16Array, rows: number): void {
  const outStride = width * 2;
  for (let y = 0; y < rows; y++) {
    const s = y * stride;
    const d = y * outStride;
    if (width === 1) {
      dst[d] = dst[d + 1] = src[s];
      continue;
    }
    dst[d] = src[s];
    dst[d + 1] = (src[s] * 3 + src[s + 1] + 2) >> 2;
    for (let x = 1; x < width - 1; x++) {
      const v = src[s + x] * 3;
      dst[d + 2 * x] = (v + src[s + x - 1] + 1) >> 2;
      dst[d + 2 * x + 1] = (v + src[s + x + 1] + 2) >> 2;
    }
    const last = width - 1;
    dst[d + 2 * last] = (src[s + last] * 3 + src[s + last - 1] + 1) >> 2;
    dst[d + 2 * last + 1] = src[s + last];
  }
}

/** libjpeg h2v2 fancy upsampling: the vertical neighbour row (edge rows replicated) weighted 1/4, then as h2v1. */
export function upsampleH2V2(src: Uint16Array, stride: number, width: number, height: number, dst: Uint16Array): void {
  const outStride = width * 2;
  for (let y = 0; y < height; y++) {
    for (let half = 0; half < 2; half++) {
      const near = y * stride;
      const farRow = half === 0 ? Math.max(0, y - 1) : Math.min(height - 1, y + 1);
      const far = farRow * stride;
      const d = (2 * y + half) * outStride;
      const sum = (x: number): number => src[near + x] * 3 + src[far + x];
      let thisSum = sum(0);
      if (width === 1) {
        dst[d] = dst[d + 1] = (thisSum * 4 + 8) >> 4;
        continue;
      }
      let nextSum = sum(1);
      dst[d] = (thisSum * 4 + 8) >> 4;
      dst[d + 1] = (thisSum * 3 + nextSum + 7) >> 4;
      let lastSum = thisSum;
      thisSum = nextSum;
      for (let x = 1; x < width - 1; x++) {
        nextSum = sum(x + 1);
        dst[d + 2 * x] = (thisSum * 3 + lastSum + 8) >> 4;
        dst[d + 2 * x + 1] = (thisSum * 3 + nextSum + 7) >> 4;
        lastSum = thisSum;
        thisSum = nextSum;
      }
      const last = width - 1;
      dst[d + 2 * last] = (thisSum * 3 + lastSum + 8) >> 4;
      dst[d + 2 * last + 1] = (thisSum * 4 + 7) >> 4;
    }
  }
}
