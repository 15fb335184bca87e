import type { DataSet } from 'dicom-parser';
import { formatTag } from './tags';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Value padding (PS3.5 §6.2): trailing spaces, or NULs for UI. */
// eslint-disable-next-line no-control-regex
const PADDING = /[\u0000 ]+$/;

/**
 * An identifier string read from its raw bytes (dicom-parser stops at a NUL, which silently cuts an MRN short),
 * with control characters removed. A warning names the attribute, never the value: identifiers are patient data.
 */
export function readCleanString(ds: DataSet, tag: string, keyword: string, warnings: string[]): string | undefined {
  const element = ds.elements[tag];
  if (!element || element.length === 0) return undefined;
  const bytes = ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const raw = Buffer.from(bytes).toString('latin1').replace(PADDING, '').trim();
  const removed = raw.match(CONTROL)?.length ?? 0;
  const clean = raw.replace(CONTROL, '').trim();
  if (removed > 0) {
    warnings.push(`${keyword} ${formatTag(tag)} held ${removed} control character(s); removed`);
  }
  return clean === '' ? undefined : clean;
}
