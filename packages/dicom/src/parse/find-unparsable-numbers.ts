import type { DataSet } from 'dicom-parser';
import { readNumbers, readString } from './element-values';
import { TAG, formatTag } from './tags';

/** Numbers that decide the HU scale or the voxel size: present but not a number means they are unknown, not absent. */
const CHECKED = ['RescaleSlope', 'RescaleIntercept', 'PixelSpacing', 'SliceThickness'] as const;
const SHOWN_CHARS = 24;

/** Describes each checked attribute that has a value but not a numeric one (e.g. RescaleIntercept "NaN"). */
export function findUnparsableNumbers(ds: DataSet): string[] {
  const out: string[] = [];
  for (const keyword of CHECKED) {
    const tag = TAG[keyword];
    const raw = readString(ds, tag);
    if (raw === undefined || readNumbers(ds, tag) !== undefined) continue;
    // eslint-disable-next-line no-control-regex
    const shown = raw.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, SHOWN_CHARS);
    out.push(`${keyword} ${formatTag(tag)} is "${shown}", not a number`);
  }
  return out;
}
