/** Huffman entropy decoding (T.81 F.2): code tables, the bit reader with its marker handling, one block's coefficients. */
import { BLOCK, type Component, fail, type HuffmanTable, MARKER, ZIGZAG } from './shared';

export function buildHuffman(counts: Uint8Array, values: Uint8Array): HuffmanTable {
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
export class BitReader {
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

export function extend(v: number, t: number): number {
  return t === 0 ? 0 : v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
}

export function decodeBlock(reader: BitReader, c: Component, offset: number): void {
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
