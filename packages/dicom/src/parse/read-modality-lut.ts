import type { DataSet } from 'dicom-parser';
import type { ModalityLut } from './dicom-instance';
import { firstItem } from './element-values';
import { TAG } from './tags';

/** PS3.3 C.11.1.1: a first-value descriptor entry of 0 means 2^16 entries. */
const ZERO_MEANS_ENTRIES = 65536;
const DESCRIPTOR_VALUES = 3;
const BYTES_PER_US = 2;

/** Reads the first Modality LUT Sequence item, or undefined when absent or incomplete. */
export function readModalityLut(ds: DataSet, pixelRepresentation: number): ModalityLut | undefined {
  const item = firstItem(ds, TAG.ModalityLUTSequence);
  const descriptor = item?.elements[TAG.LUTDescriptor];
  const data = item?.elements[TAG.LUTData];
  if (!item || !descriptor || !data || descriptor.length < DESCRIPTOR_VALUES * BYTES_PER_US) return undefined;
  const rawEntries = item.uint16(TAG.LUTDescriptor, 0) ?? 0;
  const entries = rawEntries === 0 ? ZERO_MEANS_ENTRIES : rawEntries;
  // The first mapped value is SS when the pixels are signed (PS3.3 C.11.1.1).
  const firstStoredValue =
    (pixelRepresentation === 1 ? item.int16(TAG.LUTDescriptor, 1) : item.uint16(TAG.LUTDescriptor, 1)) ?? 0;
  const bitsPerEntry = item.uint16(TAG.LUTDescriptor, 2) ?? 16;
  const available = Math.floor(data.length / BYTES_PER_US);
  const values: number[] = [];
  for (let i = 0; i < Math.min(entries, available); i++) values.push(item.uint16(TAG.LUTData, i) ?? 0);
  return { entries: values.length, firstStoredValue, bitsPerEntry, data: values };
}
