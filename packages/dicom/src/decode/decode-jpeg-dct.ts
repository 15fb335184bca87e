import { type PixelArray, type PixelFormat, allocatePixels, applyBitsStored, samplesPerFrame } from './pixel-format';
import { buildHuffman, BitReader, decodeBlock } from './jpeg-dct/entropy';
import { idctComponent, upsampleH2V1, upsampleH2V2 } from './jpeg-dct/idct';
import { BLOCK, type Component, DCT_SIZE, fail, type HuffmanTable, MARKER, ZIGZAG } from './jpeg-dct/shared';

/**
 * Sequential DCT JPEG (ITU-T T.81 Processes 1, 2 and 4: baseline 8-bit and extended 8/12-bit, Huffman coded), written
 * to reproduce the IJG libjpeg decoder that GDCM and dcmtk use: the "islow" integer IDCT (jidctint.c), its output
 * range limiting, and its "fancy" triangle upsampling for h2v1 / h2v2 chroma. decodeJpegDct returns colour as
 * coded (YCbCr, as GDCM writes YBR_FULL when it decompresses to raw); decodeJpegLossy converts YCbCr to RGB.
 * Arithmetic coding and progressive / hierarchical / lossless processes are refused.
 */

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
