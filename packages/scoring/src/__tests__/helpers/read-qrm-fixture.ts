/**
 * Test-only CT reader for the QRM phantom fixture: uncompressed little-endian slices (the fixture is implicit VR LE),
 * parsed with dicom-parser, sorted by position along the slice normal, rescaled to HU and stacked into `Volume`s.
 * The dicom package will offer the real reader; this exists so the scoring tests do not wait for it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as dicomParser from 'dicom-parser';
import type { Volume } from '@cacscreen/dicom';

type Vec3 = [number, number, number];

interface Slice {
  file: string;
  position: Vec3;
  rowDirection: Vec3;
  columnDirection: Vec3;
  pixelSpacing: [number, number];
  thickness: number;
  kvp: number | undefined;
  rows: number;
  cols: number;
  hu: Int16Array;
}

/** Slices whose centres are further apart than this fraction of the median gap start a new volume. */
const GAP_TOLERANCE = 0.1;

export const QRM_FIXTURE_DIR = path.join(__dirname, '..', '..', '..', 'fixtures', 'qrm-canon-large-rep1');

function numbers(ds: dicomParser.DataSet, tag: string, count: number, file: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = ds.floatString(tag, i);
    if (v === undefined || !Number.isFinite(v)) throw new Error(`${file}: ${tag}[${i}] missing`);
    out.push(v);
  }
  return out;
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function readSlice(file: string): Slice {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const ds = dicomParser.parseDicom(bytes);
  const rows = ds.uint16('x00280010');
  const cols = ds.uint16('x00280011');
  const bitsAllocated = ds.uint16('x00280100');
  const signed = ds.uint16('x00280103') === 1;
  const pixel = ds.elements.x7fe00010;
  if (!rows || !cols || bitsAllocated !== 16 || !pixel) throw new Error(`${file}: expected 16-bit pixel data`);
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset + pixel.dataOffset, rows * cols * 2);
  const hu = new Int16Array(rows * cols);
  for (let i = 0; i < hu.length; i++) {
    const stored = signed ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true);
    hu[i] = Math.round(stored * slope + intercept);
  }
  const iop = numbers(ds, 'x00200037', 6, file);
  const [rowSpacing, colSpacing] = numbers(ds, 'x00280030', 2, file);
  return {
    file,
    position: numbers(ds, 'x00200032', 3, file) as Vec3,
    rowDirection: [iop[0], iop[1], iop[2]],
    columnDirection: [iop[3], iop[4], iop[5]],
    // PixelSpacing is (row spacing = between rows, column spacing = between columns).
    pixelSpacing: [colSpacing, rowSpacing],
    thickness: ds.floatString('x00180050') ?? 0,
    kvp: ds.floatString('x00180060'),
    rows,
    cols,
    hu,
  };
}

function stack(slices: Slice[], normal: Vec3, spacing: number): Volume {
  const first = slices[0];
  const plane = first.rows * first.cols;
  const hu = new Int16Array(plane * slices.length);
  slices.forEach((s, z) => hu.set(s.hu, z * plane));
  return {
    hu,
    dims: [first.cols, first.rows, slices.length],
    spacingMm: [first.pixelSpacing[0], first.pixelSpacing[1], spacing],
    sliceThicknessMm: first.thickness > 0 ? first.thickness : spacing,
    originMm: [...first.position],
    rowDirection: first.rowDirection,
    columnDirection: first.columnDirection,
    sliceDirection: normal,
    kvp: first.kvp,
  };
}

/**
 * Reads every file in `dir` (except README/LICENSE), sorts along the slice normal and returns one `Volume` per run of evenly spaced slices
 * (the fixture keeps only the insert slices and the calibration-rod slices, so it has a gap), lowest z first.
 */
export function readCtVolumes(dir: string): Volume[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => !f.toLowerCase().endsWith('.md') && !f.startsWith('LICENSE'))
    .map((f) => path.join(dir, f));
  const slices = files.map(readSlice);
  if (slices.length === 0) throw new Error(`${dir}: no slices`);
  const normal = cross(slices[0].rowDirection, slices[0].columnDirection);
  slices.sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const gaps = slices.slice(1).map((s, i) => dot(s.position, normal) - dot(slices[i].position, normal));
  const step = Math.min(...gaps);
  const runs: Slice[][] = [[slices[0]]];
  gaps.forEach((gap, i) => {
    if (Math.abs(gap - step) > GAP_TOLERANCE * step) runs.push([]);
    runs[runs.length - 1].push(slices[i + 1]);
  });
  return runs.map((run) => stack(run, normal, run.length > 1 ? step : slices[0].thickness));
}
