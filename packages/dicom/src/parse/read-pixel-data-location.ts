import type { DataSet } from 'dicom-parser';
import type { PixelDataLocation } from './dicom-instance';
import { TAG } from './tags';

/** An item header ends with its 32-bit length, just before the fragment data. */
const ITEM_LENGTH_BYTES = 4;

function readUint32Le(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 2 ** 24;
}

/** Records where the pixel data is, without copying it: fragments for encapsulated data, a byte range otherwise. */
export function readPixelDataLocation(ds: DataSet, encapsulatedSyntax: boolean): PixelDataLocation | undefined {
  const element = ds.elements[TAG.PixelData];
  if (!element) return undefined;
  const bytes = ds.byteArray as Uint8Array;
  const encapsulated = encapsulatedSyntax || element.encapsulatedPixelData === true;
  if (encapsulated && element.fragments) {
    const fragments = element.fragments.map((f) => {
      // dicom-parser silently shortens a fragment that runs past the end of the file; compare with the item header.
      const declared = f.position >= ITEM_LENGTH_BYTES ? readUint32Le(bytes, f.position - ITEM_LENGTH_BYTES) : f.length;
      return { offset: f.offset, position: f.position, length: f.length, truncated: declared > f.length };
    });
    return {
      bytes,
      offset: element.dataOffset,
      length: element.length,
      encapsulated: true,
      fragments,
      basicOffsetTable: element.basicOffsetTable ?? [],
      truncated: fragments.some((f) => f.truncated),
    };
  }
  return {
    bytes,
    offset: element.dataOffset,
    length: element.length,
    encapsulated: false,
    vr: element.vr,
    fragments: [],
    basicOffsetTable: [],
    truncated: element.dataOffset + element.length > bytes.length,
  };
}
