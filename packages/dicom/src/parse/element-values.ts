import type { DataSet } from 'dicom-parser';

/** Small typed readers over a dicom-parser DataSet: empty or unparsable values come back undefined, never NaN. */

export function readString(ds: DataSet, tag: string): string | undefined {
  const element = ds.elements[tag];
  if (!element || element.length === 0) return undefined;
  const value = ds.string(tag);
  return value === undefined || value === '' ? undefined : value;
}

export function readStrings(ds: DataSet, tag: string): string[] {
  const value = readString(ds, tag);
  return value === undefined ? [] : value.split('\\').map((s) => s.trim());
}

/** Decimal String / Integer String values (backslash separated). */
export function readNumbers(ds: DataSet, tag: string): number[] | undefined {
  const parts = readStrings(ds, tag);
  if (parts.length === 0) return undefined;
  const numbers = parts.map((p) => Number(p));
  return numbers.every((n) => Number.isFinite(n) && parts.every((p) => p !== '')) ? numbers : undefined;
}

export function readNumber(ds: DataSet, tag: string): number | undefined {
  return readNumbers(ds, tag)?.[0];
}

/** US (or SS when signed): implicit VR gives no VR, so the caller says how to read it. */
export function readUint16(ds: DataSet, tag: string): number | undefined {
  const element = ds.elements[tag];
  if (!element || element.length < 2) return undefined;
  return ds.uint16(tag);
}

export function readInt16(ds: DataSet, tag: string): number | undefined {
  const element = ds.elements[tag];
  if (!element || element.length < 2) return undefined;
  return ds.int16(tag);
}

export function readVec<N extends number>(ds: DataSet, tag: string, n: N): number[] | undefined {
  const values = readNumbers(ds, tag);
  return values && values.length >= n ? values.slice(0, n) : undefined;
}

/** First item's data set of a sequence, if any. */
export function firstItem(ds: DataSet | undefined, tag: string): DataSet | undefined {
  return ds?.elements[tag]?.items?.[0]?.dataSet;
}
