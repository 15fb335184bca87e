import { encodeRaw } from './edit-part10';

export const PIXEL_DATA = 0x7fe00010;
const ITEM = 0xfffee000;
const SEQUENCE_DELIMITER = 0xfffee0dd;

function itemHeader(tag: number, length: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(tag >>> 16, 0);
  head.writeUInt16LE(tag & 0xffff, 2);
  head.writeUInt32LE(length, 4);
  return head;
}

/** Encapsulated (7FE0,0010): an empty basic offset table, one fragment per frame, the sequence delimiter. */
export function encapsulatedPixelData(fragments: Buffer[]): Buffer {
  const parts = [itemHeader(ITEM, 0)];
  for (const fragment of fragments) {
    const even = fragment.length % 2 ? Buffer.concat([fragment, Buffer.from([0])]) : fragment;
    parts.push(itemHeader(ITEM, even.length), even);
  }
  parts.push(itemHeader(SEQUENCE_DELIMITER, 0));
  return encodeRaw(PIXEL_DATA, 'OB', Buffer.concat(parts), 0xffffffff);
}

/**
 * The start of a JPEG stream whose frame header (SOF, ITU T.81 §B.2.2) claims `rows` × `columns`, with no image
 * data after it: the size a decoder would allocate for, if it trusted the codec header.
 */
export function jpegClaiming(rows: number, columns: number, marker = 0xc1, precision = 12): Buffer {
  const sof = Buffer.from([0xff, marker, 0, 11, precision, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, 1]);
  const component = Buffer.from([1, 0x11, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, component, Buffer.from([0xff, 0xd9])]);
}

/** Bytes that look like nothing: a fixed pseudo-random pattern (same corpus on every run). */
export function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
