import { DecodeFailedError } from '../errors';
import { type PixelArray, type PixelFormat, allocatePixels, applyBitsStored, samplesPerFrame } from './pixel-format';

/**
 * Sequential DCT JPEG (ITU-T T.81 Processes 1, 2 and 4: baseline 8-bit and extended 8/12-bit, Huffman coded), written
 * to reproduce the IJG libjpeg decoder that GDCM and dcmtk use: the "islow" integer IDCT (jidctint.c), its output
 * range limiting, and its "fancy" triangle upsampling for h2v1 / h2v2 chroma. decodeJpegDct returns colour as
 * coded (YCbCr, as GDCM writes YBR_FULL when it decompresses to raw); decodeJpegLossy converts YCbCr to RGB.
 * Arithmetic coding and progressive / hierarchical / lossless processes are refused.
 */

const DCT_SIZE = 8;
const BLOCK = 64;
const MARKER = 0xff;

/** Zig-zag order: the natural (row-major) index of the k-th coefficient in the stream. */
const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47,
  55, 62, 63,
]);

interface HuffmanTable {
  maxCode: Int32Array; // per length 1..16; -1 when no code has that length
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  coefficients: Int32Array;
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
  pred: number;
}

export interface DecodedJpeg {
  width: number;
  height: number;
  precision: number;
  components: number;
  /** Samples interleaved per pixel, as coded (no colour conversion). */
  samples: Uint16Array;
  /** libjpeg's guess of the coded colour space for 3 components (jdapimin.c default_decompress_parms). */
  ycbcr: boolean;
}

function fail(message: string): never {
  throw new DecodeFailedError(`JPEG (DCT) decoder: ${message}`);
}

function buildHuffman(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = counts[len - 1];
    if (n > 0) {
      valPtr[len] = k;
      minCode[len] = code;
      code += n;
      k += n;
      maxCode[len] = code - 1;
    }
    code <<= 1;
  }
  return { maxCode, valPtr, minCode, values };
}

/** Entropy-coded segment reader: handles FF00 stuffing; at a marker it feeds zero bits (as libjpeg does). */
class BitReader {
  private bits = 0;
  private count = 0;
  markerHit = false;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    let byte = 0;
    if (!this.markerHit && this.pos < this.data.length) {
      byte = this.data[this.pos];
      if (byte === MARKER) {
        const next = this.data[this.pos + 1];
        if (next === 0) {
          this.pos += 2;
        } else {
          this.markerHit = true;
          byte = 0;
        }
      } else {
        this.pos++;
      }
    }
    this.bits = ((this.bits << 8) | byte) & 0xffffff;
    this.count += 8;
  }

  bit(): number {
    if (this.count === 0) this.fill();
    this.count--;
    return (this.bits >> this.count) & 1;
  }

  receive(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = (v << 1) | this.bit();
    return v;
  }

  /** Discards the remaining bits of the current byte and skips to the next marker (for RSTn). */
  reset(): void {
    this.bits = 0;
    this.count = 0;
    this.markerHit = false;
  }

  decode(table: HuffmanTable): number {
    let code = this.bit();
    for (let len = 1; len <= 16; len++) {
      if (code <= table.maxCode[len]) return table.values[table.valPtr[len] + code - table.minCode[len]];
      code = (code << 1) | this.bit();
    }
    return fail('corrupt Huffman code');
  }
}

function extend(v: number, t: number): number {
  return t === 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
}

function decodeBlock(reader: BitReader, c: Component, offset: number): void {
  const out = c.coefficients;
  const t = reader.decode(c.dcTable!);
  const diff = t === 0 ? 0 : extend(reader.receive(t), t);
  c.pred += diff;
  out[offset] = c.pred;
  let k = 1;
  while (k < BLOCK) {
    const rs = reader.decode(c.acTable!);
    const s = rs & 15;
    const r = rs >> 4;
    if (s === 0) {
      if (r < 15) break;
      k += 16;
      continue;
    }
    k += r;
    if (k > 63) break;
    out[offset + ZIGZAG[k]] = extend(reader.receive(s), s);
    k++;
  }
}

/** Arithmetic right shift with rounding, on values that may exceed 32 bits. */
function descale(x: number, n: number): number {
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
function idct1d(
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
function idctComponent(c: Component, quant: Int32Array, precision: number): Uint16Array {
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
function upsampleH2V1(src: Uint16Array, stride: number, width: number, dst: Uint16Array, rows: number): void {
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
function upsampleH2V2(src: Uint16Array, stride: number, width: number, height: number, dst: Uint16Array): void {
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

/** Decodes one sequential-DCT JPEG codestream to its samples. */
export function decodeJpegDct(data: Uint8Array): DecodedJpeg {
  const quant: Int32Array[] = [];
  const dcTables: HuffmanTable[] = [];
  const acTables: HuffmanTable[] = [];
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let precision = 8;
  let hMax = 1;
  let vMax = 1;
  let restartInterval = 0;
  let frameSeen = false;
  let jfif = false;
  let adobeTransform: number | undefined;
  let pos = 0;
  const u16 = (p: number): number => (data[p] << 8) | data[p + 1];
  if (u16(0) !== 0xffd8) fail('no SOI marker at the start of the frame');
  pos = 2;
  let done = false;
  while (!done && pos < data.length) {
    if (data[pos] !== MARKER) {
      pos++;
      continue;
    }
    // A frame whose last byte is 0xFF ends inside a marker (found by fuzzing: it used to crash below).
    if (pos + 1 >= data.length) fail('the frame ends inside a marker');
    const marker = data[pos + 1];
    pos += 2;
    if (marker === MARKER || marker === 0 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      if (marker === MARKER) pos--;
      continue;
    }
    if (marker === 0xd9) break;
    const length = u16(pos);
    const segEnd = pos + length;
    if (segEnd > data.length) fail(`marker segment 0x${marker.toString(16)} runs past the end of the frame`);
    let p = pos + 2;
    switch (marker) {
      case 0xdb: // DQT
        while (p < segEnd) {
          const pq = data[p] >> 4;
          const tq = data[p] & 15;
          p++;
          const table = new Int32Array(BLOCK);
          for (let k = 0; k < BLOCK; k++) {
            table[ZIGZAG[k]] = pq ? u16(p) : data[p];
            p += pq ? 2 : 1;
          }
          quant[tq] = table;
        }
        break;
      case 0xc4: // DHT
        while (p < segEnd) {
          const tc = data[p] >> 4;
          const th = data[p] & 15;
          const counts = data.subarray(p + 1, p + 17);
          const total = counts.reduce((a, b) => a + b, 0);
          const values = data.slice(p + 17, p + 17 + total);
          p += 17 + total;
          (tc === 0 ? dcTables : acTables)[th] = buildHuffman(counts, values);
        }
        break;
      case 0xe0: // APP0
        if (length >= 7 && String.fromCharCode(...data.subarray(p, p + 5)) === 'JFIF\0') jfif = true;
        break;
      case 0xee: // APP14
        if (length >= 14 && String.fromCharCode(...data.subarray(p, p + 5)) === 'Adobe') adobeTransform = data[p + 11];
        break;
      case 0xdd: // DRI
        restartInterval = u16(p);
        break;
      case 0xc0:
      case 0xc1: {
        if (frameSeen) fail('more than one frame header');
        frameSeen = true;
        precision = data[p];
        if (precision !== 8 && precision !== 12) fail(`sample precision ${precision} is not 8 or 12`);
        height = u16(p + 1);
        width = u16(p + 3);
        const n = data[p + 5];
        if (width === 0 || height === 0 || n === 0) fail('frame header has a zero dimension (DNL is not supported)');
        components = [];
        for (let i = 0; i < n; i++) {
          const q = p + 6 + 3 * i;
          const h = data[q + 1] >> 4;
          const v = data[q + 1] & 15;
          if (h < 1 || h > 4 || v < 1 || v > 4) fail('invalid sampling factors');
          components.push({
            id: data[q],
            h,
            v,
            tq: data[q + 2],
            blocksPerLine: 0,
            blocksPerColumn: 0,
            coefficients: new Int32Array(0),
            pred: 0,
          });
        }
        hMax = Math.max(...components.map((c) => c.h));
        vMax = Math.max(...components.map((c) => c.v));
        const mcusX = Math.ceil(width / (DCT_SIZE * hMax));
        const mcusY = Math.ceil(height / (DCT_SIZE * vMax));
        for (const c of components) {
          c.blocksPerLine = mcusX * c.h;
          c.blocksPerColumn = mcusY * c.v;
          c.coefficients = new Int32Array(c.blocksPerLine * c.blocksPerColumn * BLOCK);
        }
        break;
      }
      case 0xda: {
        if (!frameSeen) fail('scan before the frame header');
        const n = data[p];
        const scan: Component[] = [];
        for (let i = 0; i < n; i++) {
          const c = components.find((x) => x.id === data[p + 1 + 2 * i]);
          if (!c) fail('scan names an unknown component');
          c.dcTable = dcTables[data[p + 2 + 2 * i] >> 4];
          c.acTable = acTables[data[p + 2 + 2 * i] & 15];
          if (!c.dcTable || !c.acTable) fail('scan uses an undefined Huffman table');
          scan.push(c);
        }
        pos = decodeScan(data, segEnd, scan, width, height, hMax, vMax, restartInterval);
        continue;
      }
      default:
        if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
          fail(
            `SOF${marker - 0xc0} (progressive, lossless, hierarchical or arithmetic) is not a sequential Huffman process`,
          );
        }
    }
    pos = segEnd;
    done = false;
  }
  if (!frameSeen) fail('no frame header');
  const ids = components.map((c) => c.id).join(',');
  const ycbcr =
    components.length === 3 && (jfif || (adobeTransform !== undefined ? adobeTransform !== 0 : ids !== '82,71,66'));
  return { ...assemble(components, quant, width, height, precision, hMax, vMax), ycbcr };
}

function decodeScan(
  data: Uint8Array,
  start: number,
  scan: Component[],
  width: number,
  height: number,
  hMax: number,
  vMax: number,
  restartInterval: number,
): number {
  const reader = new BitReader(data, start);
  for (const c of scan) c.pred = 0;
  let mcusX: number;
  let mcusY: number;
  const single = scan.length === 1;
  if (single) {
    const c = scan[0];
    mcusX = Math.ceil(Math.ceil((width * c.h) / hMax) / DCT_SIZE);
    mcusY = Math.ceil(Math.ceil((height * c.v) / vMax) / DCT_SIZE);
  } else {
    mcusX = Math.ceil(width / (DCT_SIZE * hMax));
    mcusY = Math.ceil(height / (DCT_SIZE * vMax));
  }
  const total = mcusX * mcusY;
  for (let m = 0; m < total; m++) {
    if (restartInterval && m > 0 && m % restartInterval === 0) {
      // Align to the RSTn marker, skip it, reset predictors.
      reader.reset();
      let q = reader.pos;
      while (q + 1 < data.length && !(data[q] === MARKER && data[q + 1] >= 0xd0 && data[q + 1] <= 0xd7)) q++;
      reader.pos = q + 2;
      for (const c of scan) c.pred = 0;
    }
    const my = Math.floor(m / mcusX);
    const mx = m % mcusX;
    if (single) {
      const c = scan[0];
      decodeBlock(reader, c, (my * c.blocksPerLine + mx) * BLOCK);
    } else {
      for (const c of scan) {
        for (let v = 0; v < c.v; v++) {
          for (let h = 0; h < c.h; h++) {
            decodeBlock(reader, c, ((my * c.v + v) * c.blocksPerLine + mx * c.h + h) * BLOCK);
          }
        }
      }
    }
  }
  // Continue parsing at the next marker after the entropy-coded data.
  let q = reader.pos;
  while (
    q + 1 < data.length &&
    !(data[q] === MARKER && data[q + 1] !== 0 && !(data[q + 1] >= 0xd0 && data[q + 1] <= 0xd7))
  )
    q++;
  return q;
}

function assemble(
  components: Component[],
  quant: Int32Array[],
  width: number,
  height: number,
  precision: number,
  hMax: number,
  vMax: number,
): Omit<DecodedJpeg, 'ycbcr'> {
  const n = components.length;
  const samples = new Uint16Array(width * height * n);
  components.forEach((c, ci) => {
    const table = quant[c.tq];
    if (!table) fail(`quantization table ${c.tq} is not defined`);
    const plane = idctComponent(c, table, precision);
    const stride = c.blocksPerLine * DCT_SIZE;
    const compWidth = Math.ceil((width * c.h) / hMax);
    const compHeight = Math.ceil((height * c.v) / vMax);
    const hRatio = hMax / c.h;
    const vRatio = vMax / c.v;
    let full = plane;
    let fullStride = stride;
    if (hRatio === 2 && vRatio === 1 && compWidth > 2) {
      full = new Uint16Array(compWidth * 2 * compHeight);
      upsampleH2V1(plane, stride, compWidth, full, compHeight);
      fullStride = compWidth * 2;
    } else if (hRatio === 2 && vRatio === 2 && compWidth > 2) {
      full = new Uint16Array(compWidth * 2 * compHeight * 2);
      upsampleH2V2(plane, stride, compWidth, compHeight, full);
      fullStride = compWidth * 2;
    } else if (hRatio !== 1 || vRatio !== 1) {
      if (!Number.isInteger(hRatio) || !Number.isInteger(vRatio)) fail('fractional sampling ratios are not supported');
      // Plain replication (libjpeg int_upsample).
      for (let y = 0; y < height; y++) {
        const src = Math.floor(y / vRatio) * stride;
        for (let x = 0; x < width; x++) samples[(y * width + x) * n + ci] = plane[src + Math.floor(x / hRatio)];
      }
      return;
    }
    for (let y = 0; y < height; y++) {
      const src = y * fullStride;
      for (let x = 0; x < width; x++) samples[(y * width + x) * n + ci] = full[src + x];
    }
  });
  return { width, height, precision, components: n, samples };
}

const f32 = Math.fround;
/** YBR_FULL -> RGB matrix of PS3.3 C.7.6.3.1.2 (rows: Y, Cb, Cr; columns: R, G, B), in float32. */
const YBR_TO_RGB = [
  [1, 1, 1],
  [0, f32((-0.114 * 1.772) / 0.587), f32(1.772)],
  [f32(1.402), f32((-0.299 * 1.402) / 0.587), 0],
];

/**
 * YCbCr -> RGB with the PS3.3 YBR_FULL equations in float32, rounded half up and clamped: the conversion the
 * reference applies (GDCM decompresses to YBR_FULL, pydicom converts that to RGB). libjpeg's own fixed-point
 * conversion (jdcolor.c, what dcmdjpeg does) differs from it by 1 in a few samples per million (IM00001: 6 of 1.8 M).
 */
function ybrFullToRgb(samples: Uint16Array, precision: number): void {
  const center = 1 << (precision - 1);
  const maxSample = (1 << precision) - 1;
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i];
    const cb = samples[i + 1] - center;
    const cr = samples[i + 2] - center;
    for (let c = 0; c < 3; c++) {
      const sum = f32(f32(f32(y * YBR_TO_RGB[0][c]) + f32(cb * YBR_TO_RGB[1][c])) + f32(cr * YBR_TO_RGB[2][c]));
      const v = Math.floor(f32(sum + 0.5));
      samples[i + c] = v < 0 ? 0 : v > maxSample ? maxSample : v;
    }
  }
}

/** Decodes a .50 / .51 frame into the stored-value array of the DICOM pixel format. */
export function decodeJpegLossy(data: Uint8Array, format: PixelFormat): PixelArray {
  const image = decodeJpegDct(data);
  if (image.width !== format.columns || image.height !== format.rows || image.components !== format.samplesPerPixel) {
    fail(
      `frame is ${image.width}x${image.height}x${image.components}; ` +
        `header says ${format.columns}x${format.rows}x${format.samplesPerPixel}`,
    );
  }
  // A YCbCr codestream comes out as RGB, as in the reference decodes (see ybrFullToRgb).
  if (image.ycbcr) ybrFullToRgb(image.samples, image.precision);
  const count = samplesPerFrame(format);
  const out = allocatePixels(format);
  for (let i = 0; i < count; i++) out[i] = image.samples[i];
  return applyBitsStored(out, format);
}
