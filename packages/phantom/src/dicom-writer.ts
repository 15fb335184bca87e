/**
 * Minimal DICOM Part 10 encoder for the phantom: explicit VR little endian, elements written in ascending tag order,
 * values padded to even length (UI with NUL, other strings with space, OB/OW with NUL).
 */
export type Vr = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'OB' | 'OW' | 'PN' | 'SH' | 'TM' | 'UI' | 'UL' | 'US';

export interface Element {
  tag: number; // (group << 16) | element
  vr: Vr;
  value: string | number | number[] | Uint8Array;
}

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
const PREAMBLE_BYTES = 128;
/** VRs whose explicit-VR header has 2 reserved bytes and a 4-byte length. */
const LONG_HEADER_VRS: ReadonlySet<Vr> = new Set(['OB', 'OW']);

export class DicomEncodeError extends Error {
  readonly code = 'PHANTOM_DICOM_ENCODE';
  constructor(message: string) {
    super(message);
    this.name = 'DicomEncodeError';
  }
}

/** Decimal string of at most 16 characters (DS limit). */
export function formatDs(n: number): string {
  if (!Number.isFinite(n)) throw new DicomEncodeError(`DS value must be finite, got ${n}`);
  for (let digits = 6; digits >= 0; digits--) {
    const s = String(Number(n.toFixed(digits)));
    if (s.length <= 16) return s;
  }
  throw new DicomEncodeError(`DS value ${n} does not fit in 16 characters`);
}

function valueBytes(e: Element): Buffer {
  const { vr, value } = e;
  if (vr === 'US' || vr === 'UL') {
    const list = Array.isArray(value) ? value : [value as number];
    const size = vr === 'US' ? 2 : 4;
    const b = Buffer.alloc(list.length * size);
    list.forEach((v, i) => (vr === 'US' ? b.writeUInt16LE(v, i * 2) : b.writeUInt32LE(v, i * 4)));
    return b;
  }
  if (vr === 'OB' || vr === 'OW') {
    if (!(value instanceof Uint8Array)) throw new DicomEncodeError(`${hexTag(e.tag)} ${vr} needs bytes`);
    const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return b.length % 2 === 0 ? b : Buffer.concat([b, Buffer.alloc(1)]);
  }
  let text: string;
  if (Array.isArray(value)) text = value.map((v) => (vr === 'DS' ? formatDs(v) : String(v))).join('\\');
  else if (typeof value === 'number') text = vr === 'DS' ? formatDs(value) : String(value);
  else if (typeof value === 'string') text = value;
  else throw new DicomEncodeError(`${hexTag(e.tag)} ${vr} needs text`);
  const b = Buffer.from(text, 'latin1');
  if (b.length % 2 === 0) return b;
  return Buffer.concat([b, Buffer.from(vr === 'UI' ? [0] : [0x20])]);
}

function hexTag(tag: number): string {
  const h = (tag >>> 0).toString(16).padStart(8, '0').toUpperCase();
  return `(${h.slice(0, 4)},${h.slice(4)})`;
}

/** One explicit-VR little-endian element: tag, VR, length, value. */
export function encodeElement(e: Element): Buffer {
  const v = valueBytes(e);
  const long = LONG_HEADER_VRS.has(e.vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(e.tag >>> 16, 0);
  head.writeUInt16LE(e.tag & 0xffff, 2);
  head.write(e.vr, 4, 'latin1');
  if (long) head.writeUInt32LE(v.length, 8);
  else {
    if (v.length > 0xffff) throw new DicomEncodeError(`${hexTag(e.tag)} value too long for ${e.vr}`);
    head.writeUInt16LE(v.length, 6);
  }
  return Buffer.concat([head, v]);
}

function encodeSorted(elements: Element[]): Buffer {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  return Buffer.concat(sorted.map(encodeElement));
}

/**
 * A complete Part 10 file: 128-byte preamble, 'DICM', file meta group (with its group length) and the data set.
 * The meta elements (0002,xxxx) are derived from the data set's SOP class / instance.
 */
export function encodePart10(
  dataset: Element[],
  meta: {
    sopClassUid: string;
    sopInstanceUid: string;
    implementationClassUid: string;
    implementationVersionName: string;
  },
): Buffer {
  const metaBody = encodeSorted([
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: 0x00020002, vr: 'UI', value: meta.sopClassUid },
    { tag: 0x00020003, vr: 'UI', value: meta.sopInstanceUid },
    { tag: 0x00020010, vr: 'UI', value: EXPLICIT_VR_LITTLE_ENDIAN },
    { tag: 0x00020012, vr: 'UI', value: meta.implementationClassUid },
    { tag: 0x00020013, vr: 'SH', value: meta.implementationVersionName },
  ]);
  const groupLength = encodeElement({ tag: 0x00020000, vr: 'UL', value: metaBody.length });
  const preamble = Buffer.alloc(PREAMBLE_BYTES);
  return Buffer.concat([preamble, Buffer.from('DICM', 'latin1'), groupLength, metaBody, encodeSorted(dataset)]);
}
