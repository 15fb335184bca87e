import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

/** Test helper: writes small CT Image Storage files (explicit VR little endian), any attribute left out on request. */

export type Vr = 'CS' | 'DA' | 'DS' | 'IS' | 'LO' | 'OW' | 'PN' | 'SH' | 'TM' | 'UI' | 'US' | 'UL' | 'OB';
export interface Element {
  tag: number;
  vr: Vr;
  value: string | number | number[] | Uint8Array;
}

function valueBytes({ vr, value }: Element): Buffer {
  if (vr === 'US' || vr === 'UL') {
    const list = Array.isArray(value) ? value : [value as number];
    const size = vr === 'US' ? 2 : 4;
    const b = Buffer.alloc(list.length * size);
    list.forEach((v, i) => (vr === 'US' ? b.writeUInt16LE(v, i * 2) : b.writeUInt32LE(v, i * 4)));
    return b;
  }
  if (value instanceof Uint8Array) {
    const b = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return b.length % 2 ? Buffer.concat([b, Buffer.alloc(1)]) : b;
  }
  const text = Array.isArray(value) ? value.map((v) => String(Number(v.toFixed(6)))).join('\\') : String(value);
  const b = Buffer.from(text, 'latin1');
  return b.length % 2 ? Buffer.concat([b, Buffer.from([vr === 'UI' ? 0 : 0x20])]) : b;
}

function encode(e: Element): Buffer {
  const v = valueBytes(e);
  const long = e.vr === 'OB' || e.vr === 'OW';
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(e.tag >>> 16, 0);
  head.writeUInt16LE(e.tag & 0xffff, 2);
  head.write(e.vr, 4, 'latin1');
  if (long) head.writeUInt32LE(v.length, 8);
  else head.writeUInt16LE(v.length, 6);
  return Buffer.concat([head, v]);
}

const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

/**
 * A Part 10 file: preamble, file meta, then the elements sorted by tag. `encodeBody` turns the encoded data set into
 * what the transfer syntax stores (e.g. raw deflate for 1.2.840.10008.1.2.1.99).
 */
export function part10(
  elements: Element[],
  sopInstanceUid: string,
  transferSyntaxUid = '1.2.840.10008.1.2.1',
  encodeBody: (body: Buffer) => Buffer = (body) => body,
): Buffer {
  const meta = [
    { tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) },
    { tag: 0x00020002, vr: 'UI', value: CT_IMAGE_STORAGE },
    { tag: 0x00020003, vr: 'UI', value: sopInstanceUid },
    { tag: 0x00020010, vr: 'UI', value: transferSyntaxUid },
  ].map((e) => encode(e as Element));
  const metaLength = meta.reduce((n, b) => n + b.length, 0);
  const group = encode({ tag: 0x00020000, vr: 'UL', value: metaLength });
  const body = Buffer.concat([...elements].sort((a, b) => a.tag - b.tag).map(encode));
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), group, ...meta, encodeBody(body)]);
}

export interface WrittenSeriesOptions {
  /** Folder to write into (created); files are named `<prefix>-0001.dcm` … */
  dir: string;
  prefix?: string;
  slices: number;
  rows?: number;
  columns?: number;
  /** HU of voxel (column x, row y) of slice k. */
  hu?: (x: number, y: number, k: number) => number;
  /** Position of slice k. Default [0, 0, k * 3]. */
  position?: (k: number) => [number, number, number];
  orientation?: [number, number, number, number, number, number];
  pixelSpacing?: [number, number];
  thickness?: number;
  studyUid?: string;
  seriesUid?: string;
  frameUid?: string;
  patientId?: string;
  studyDate?: string;
  studyTime?: string;
  accession?: string;
  seriesNumber?: number;
  description?: string;
  imageType?: string;
  kernel?: string;
  /** Extra or replacement elements: [tag, vr, value]. */
  extra?: [number, Vr, Element['value']][];
  /** Tags to leave out of every file. */
  omit?: number[];
}

export const TAGS = { StudyInstanceUID: 0x0020000d, SeriesInstanceUID: 0x0020000e, FrameOfReferenceUID: 0x00200052 };

/** Writes one series, one file per slice, signed 16-bit HU; returns the paths. */
export function writeSeries(o: WrittenSeriesOptions): string[] {
  const rows = o.rows ?? 8;
  const columns = o.columns ?? 8;
  const prefix = o.prefix ?? 'slice';
  mkdirSync(o.dir, { recursive: true });
  const files: string[] = [];
  for (let k = 0; k < o.slices; k++) {
    const pixels = new Int16Array(rows * columns);
    for (let y = 0; y < rows; y++) for (let x = 0; x < columns; x++) pixels[y * columns + x] = o.hu?.(x, y, k) ?? 40;
    // From the content, not the folder: the same options write byte-identical files anywhere.
    const sop = `1.2.826.0.1.3680043.10.1.${Math.abs(hashCode(`${prefix}|${o.seriesNumber}|${o.description}`))}.${k + 1}`;
    const elements: Element[] = [
      { tag: 0x00080008, vr: 'CS', value: o.imageType ?? 'ORIGINAL\\PRIMARY\\AXIAL' },
      { tag: 0x00080016, vr: 'UI', value: CT_IMAGE_STORAGE },
      { tag: 0x00080018, vr: 'UI', value: sop },
      { tag: 0x00080020, vr: 'DA', value: o.studyDate ?? '20240102' },
      { tag: 0x00080030, vr: 'TM', value: o.studyTime ?? '101500' },
      { tag: 0x00080050, vr: 'SH', value: o.accession ?? 'ACC1' },
      { tag: 0x00080060, vr: 'CS', value: 'CT' },
      { tag: 0x0008103e, vr: 'LO', value: o.description ?? 'CHEST 3 mm' },
      { tag: 0x00100020, vr: 'LO', value: o.patientId ?? 'PAT1' },
      { tag: 0x00180050, vr: 'DS', value: o.thickness ?? 3 },
      { tag: 0x00180060, vr: 'DS', value: 120 },
      { tag: 0x00181210, vr: 'SH', value: o.kernel ?? 'B30f' },
      { tag: 0x0020000d, vr: 'UI', value: o.studyUid ?? '1.2.826.0.1.3680043.10.2' },
      { tag: 0x0020000e, vr: 'UI', value: o.seriesUid ?? '1.2.826.0.1.3680043.10.2.1' },
      { tag: 0x00200011, vr: 'IS', value: o.seriesNumber ?? 2 },
      { tag: 0x00200013, vr: 'IS', value: k + 1 },
      { tag: 0x00200032, vr: 'DS', value: o.position?.(k) ?? [0, 0, k * 3] },
      { tag: 0x00200037, vr: 'DS', value: o.orientation ?? [1, 0, 0, 0, 1, 0] },
      { tag: 0x00200052, vr: 'UI', value: o.frameUid ?? '1.2.826.0.1.3680043.10.2.9' },
      { tag: 0x00280002, vr: 'US', value: 1 },
      { tag: 0x00280004, vr: 'CS', value: 'MONOCHROME2' },
      { tag: 0x00280010, vr: 'US', value: rows },
      { tag: 0x00280011, vr: 'US', value: columns },
      { tag: 0x00280030, vr: 'DS', value: o.pixelSpacing ?? [0.7, 0.7] },
      { tag: 0x00280100, vr: 'US', value: 16 },
      { tag: 0x00280101, vr: 'US', value: 16 },
      { tag: 0x00280102, vr: 'US', value: 15 },
      { tag: 0x00280103, vr: 'US', value: 1 },
      { tag: 0x00281052, vr: 'DS', value: 0 },
      { tag: 0x00281053, vr: 'DS', value: 1 },
      { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(pixels.buffer) },
    ];
    const extra = (o.extra ?? []).map(([tag, vr, value]) => ({ tag, vr, value }));
    const replaced = new Set([...extra.map((e) => e.tag), ...(o.omit ?? [])]);
    const dataset = [...elements.filter((e) => !replaced.has(e.tag)), ...extra];
    const path = join(o.dir, `${prefix}-${String(k + 1).padStart(4, '0')}.dcm`);
    writeFileSync(path, part10(dataset, sop));
    files.push(path);
  }
  return files;
}

function hashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
