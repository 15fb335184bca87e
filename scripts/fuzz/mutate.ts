/** Seeded xorshift32: the same seed gives the same run. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

const INTERESTING_16 = [0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff];
const INTERESTING_32 = [0, 1, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0x10000, 0x40000000];
/** Values DICOM numbers and strings break on (IS/DS/UI and friends). */
const INTERESTING_TEXT = [
  '0',
  '-1',
  '1e30',
  '-1e30',
  '1e-30',
  'NaN',
  'Infinity',
  '65535',
  '2147483647',
  '\\',
  '',
  '1.2..3',
];
/** The two letters of every VR, to relabel an element. */
const VRS = [
  'AE',
  'AS',
  'CS',
  'DA',
  'DS',
  'IS',
  'LO',
  'OB',
  'OW',
  'PN',
  'SH',
  'SQ',
  'UI',
  'UL',
  'UN',
  'US',
  'UT',
  'FD',
  'SL',
];
export const MAX_INPUT_BYTES = 64 * 1024;

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

/** Offsets of what look like explicit-VR element headers (two upper-case letters four bytes in). */
function elementOffsets(input: Uint8Array): number[] {
  const found: number[] = [];
  for (let i = 0; i + 8 <= input.length; i += 2) {
    if (isUpper(input[i + 4]) && isUpper(input[i + 5])) found.push(i);
  }
  return found;
}

type Mutator = (input: Buffer, rng: Rng, other: () => Buffer) => Buffer;

const MUTATORS: Mutator[] = [
  // Flip one bit.
  (input, rng) => {
    const out = Buffer.from(input);
    if (out.length) out[rng.below(out.length)] ^= 1 << rng.below(8);
    return out;
  },
  // An interesting 16- or 32-bit value anywhere.
  (input, rng) => {
    const out = Buffer.from(input);
    if (out.length < 4) return out;
    const at = rng.below(out.length - 3);
    if (rng.below(2)) out.writeUInt16LE(rng.pick(INTERESTING_16), at);
    else out.writeUInt32LE(rng.pick(INTERESTING_32), at);
    return out;
  },
  // A random byte.
  (input, rng) => {
    const out = Buffer.from(input);
    if (out.length) out[rng.below(out.length)] = rng.below(256);
    return out;
  },
  // Delete a chunk.
  (input, rng) => {
    const at = rng.below(input.length);
    const length = 1 + rng.below(Math.min(256, input.length - at));
    return Buffer.concat([input.subarray(0, at), input.subarray(at + length)]);
  },
  // Repeat a chunk of itself somewhere else.
  (input, rng) => {
    const from = rng.below(input.length);
    const chunk = input.subarray(from, from + 1 + rng.below(512));
    const at = rng.below(input.length + 1);
    return Buffer.concat([input.subarray(0, at), chunk, input.subarray(at)]);
  },
  // Cut the end off.
  (input, rng) => input.subarray(0, rng.below(input.length + 1)),
  // Cross over with another corpus entry.
  (input, rng, other) => {
    const second = other();
    const cut = rng.below(input.length + 1);
    return Buffer.concat([input.subarray(0, cut), second.subarray(rng.below(second.length + 1))]);
  },
  // An element's length field set to an interesting value.
  (input, rng) => {
    const offsets = elementOffsets(input);
    if (!offsets.length) return Buffer.from(input);
    const at = rng.pick(offsets);
    const out = Buffer.from(input);
    const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(out.toString('latin1', at + 4, at + 6));
    if (long && at + 12 <= out.length) out.writeUInt32LE(rng.pick(INTERESTING_32), at + 8);
    else out.writeUInt16LE(rng.pick(INTERESTING_16), at + 6);
    return out;
  },
  // An element relabelled with another VR.
  (input, rng) => {
    const offsets = elementOffsets(input);
    if (!offsets.length) return Buffer.from(input);
    const out = Buffer.from(input);
    out.write(rng.pick(VRS), rng.pick(offsets) + 4, 'latin1');
    return out;
  },
  // A short element's value replaced by an interesting string (length field kept true).
  (input, rng) => {
    const offsets = elementOffsets(input).filter(
      (o) => !['OB', 'OW', 'SQ', 'UN', 'UT'].includes(input.toString('latin1', o + 4, o + 6)),
    );
    if (!offsets.length) return Buffer.from(input);
    const at = rng.pick(offsets);
    const oldLength = input.readUInt16LE(at + 6);
    let text = Buffer.from(rng.pick(INTERESTING_TEXT), 'latin1');
    if (text.length % 2) text = Buffer.concat([text, Buffer.from(' ')]);
    const head = Buffer.from(input.subarray(at, at + 8));
    head.writeUInt16LE(text.length, 6);
    return Buffer.concat([input.subarray(0, at), head, text, input.subarray(at + 8 + oldLength)]);
  },
];

/** One to four stacked mutations of `input`, at most MAX_INPUT_BYTES long. */
export function mutate(input: Buffer, rng: Rng, other: () => Buffer): Buffer {
  let out = input;
  const rounds = 1 + rng.below(4);
  for (let i = 0; i < rounds; i++) out = rng.pick(MUTATORS)(out, rng, other);
  return out.length > MAX_INPUT_BYTES ? out.subarray(0, MAX_INPUT_BYTES) : out;
}
