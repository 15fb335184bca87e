/**
 * Edits top-level elements of an explicit VR little endian Part 10 file, byte for byte, to craft hostile inputs:
 * any value may be written, however wrong (a length beyond the file, a UID with a newline). Written apart from the
 * package's reader on purpose, so a reader bug cannot hide in both.
 */

/** VRs whose explicit-VR header has 2 reserved bytes and a 4-byte length (PS3.5 §7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const PREFIX_BYTES = 132;
const UNDEFINED_LENGTH = 0xffffffff;
const SEQUENCE_DELIMITER = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);

interface Located {
  tag: number;
  vr: string;
  /** Offsets of the element's header and of the byte after its value. */
  start: number;
  end: number;
  valueStart: number;
}

/** The top-level elements in file order (meta group included). A value of undefined length runs to its delimiter. */
function locateElements(bytes: Buffer): Located[] {
  const found: Located[] = [];
  let offset = PREFIX_BYTES;
  while (offset + 8 <= bytes.length) {
    const tag = ((bytes.readUInt16LE(offset) << 16) | bytes.readUInt16LE(offset + 2)) >>> 0;
    const vr = bytes.toString('latin1', offset + 4, offset + 6);
    const long = LONG_VRS.has(vr);
    const length = long ? bytes.readUInt32LE(offset + 8) : bytes.readUInt16LE(offset + 6);
    const valueStart = offset + (long ? 12 : 8);
    let end: number;
    if (length === UNDEFINED_LENGTH) {
      const delimiter = bytes.indexOf(SEQUENCE_DELIMITER, valueStart);
      end = delimiter < 0 ? bytes.length : delimiter + SEQUENCE_DELIMITER.length;
    } else {
      end = Math.min(bytes.length, valueStart + length);
    }
    found.push({ tag, vr, start: offset, end, valueStart });
    offset = end;
  }
  return found;
}

/** One element's bytes; a string is padded to even length (NUL for UI, space otherwise). */
export function encodeRaw(tag: number, vr: string, value: Buffer | string, declaredLength?: number): Buffer {
  let body = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  if (typeof value === 'string' && body.length % 2) body = Buffer.concat([body, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
  const long = LONG_VRS.has(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(tag >>> 16, 0);
  head.writeUInt16LE(tag & 0xffff, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(declaredLength ?? body.length, 8);
  else head.writeUInt16LE(declaredLength ?? body.length, 6);
  return Buffer.concat([head, body]);
}

/** Keeps (0002,0000) MetaElementGroupLength true after the meta group changed. */
function fixMetaGroupLength(bytes: Buffer): Buffer {
  const elements = locateElements(bytes);
  const groupLength = elements.find((e) => e.tag === 0x00020000);
  if (!groupLength) return bytes;
  const meta = elements.filter((e) => e.tag >>> 16 === 0x0002 && e.tag !== 0x00020000);
  const size = meta.reduce((n, e) => n + (e.end - e.start), 0);
  const out = Buffer.from(bytes);
  out.writeUInt32LE(size, groupLength.valueStart);
  return out;
}

/** Replaces the element's whole encoding (header included) with `encoded`, or inserts it in tag order. */
export function putEncoded(bytes: Buffer, tag: number, encoded: Buffer): Buffer {
  const elements = locateElements(bytes);
  const existing = elements.find((e) => e.tag === tag);
  const next = elements.find((e) => e.tag > tag);
  const [cut, resume] = existing
    ? [existing.start, existing.end]
    : next
      ? [next.start, next.start]
      : [bytes.length, bytes.length];
  const out = Buffer.concat([bytes.subarray(0, cut), encoded, bytes.subarray(resume)]);
  return tag >>> 16 === 0x0002 ? fixMetaGroupLength(out) : out;
}

/** Sets (or adds) a top-level element to any value. */
export function setElement(bytes: Buffer, tag: number, vr: string, value: Buffer | string): Buffer {
  return putEncoded(bytes, tag, encodeRaw(tag, vr, value));
}

export function removeElement(bytes: Buffer, tag: number): Buffer {
  const element = locateElements(bytes).find((e) => e.tag === tag);
  if (!element) return bytes;
  const out = Buffer.concat([bytes.subarray(0, element.start), bytes.subarray(element.end)]);
  return tag >>> 16 === 0x0002 ? fixMetaGroupLength(out) : out;
}

/** A top-level element's value bytes, or undefined. */
export function elementValue(bytes: Buffer, tag: number): Buffer | undefined {
  const element = locateElements(bytes).find((e) => e.tag === tag);
  return element && bytes.subarray(element.valueStart, element.end);
}

/** The data set after the meta group (what a deflated transfer syntax compresses). */
export function splitMeta(bytes: Buffer): { head: Buffer; body: Buffer } {
  const firstBody = locateElements(bytes).find((e) => e.tag >>> 16 !== 0x0002);
  const at = firstBody?.start ?? bytes.length;
  return { head: bytes.subarray(0, at), body: bytes.subarray(at) };
}
