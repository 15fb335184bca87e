/** Minimal NumPy .npy (format 1.0) reader and writer for the typed arrays the training data uses. */
import { readFileSync, writeFileSync } from 'node:fs';

type NpyArray = Int16Array | Uint8Array | Float32Array;

const DTYPES: Record<
  string,
  { descr: string; make: (b: ArrayBuffer, o: number, n: number) => NpyArray; size: number }
> = {
  int16: { descr: '<i2', make: (b, o, n) => new Int16Array(b, o, n), size: 2 },
  uint8: { descr: '|u1', make: (b, o, n) => new Uint8Array(b, o, n), size: 1 },
  float32: { descr: '<f4', make: (b, o, n) => new Float32Array(b, o, n), size: 4 },
};

function dtypeOf(a: NpyArray): keyof typeof DTYPES {
  return a instanceof Int16Array ? 'int16' : a instanceof Uint8Array ? 'uint8' : 'float32';
}

export function writeNpy(path: string, data: NpyArray, shape: number[]): void {
  if (shape.reduce((p, d) => p * d, 1) !== data.length) throw new Error(`npy ${path}: shape does not match data`);
  const dict = `{'descr': '${DTYPES[dtypeOf(data)].descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const pre = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(pre);
  pre.writeUInt16LE(header.length, 8);
  writeFileSync(
    path,
    Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]),
  );
}

export function readNpy(path: string): { data: NpyArray; shape: number[] } {
  const buf = readFileSync(path);
  if (buf.readUInt32BE(0) !== 0x934e554d || buf[6] !== 1) throw new Error(`${path}: not a version 1 .npy file`);
  const headerLength = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran-ordered arrays are not supported`);
  const entry = Object.values(DTYPES).find((d) => d.descr === descr);
  if (!entry) throw new Error(`${path}: dtype ${descr} not supported (int16, uint8, float32)`);
  const n = shape.reduce((p, d) => p * d, 1);
  const start = 10 + headerLength;
  const copy = new ArrayBuffer(n * entry.size);
  new Uint8Array(copy).set(buf.subarray(start, start + n * entry.size));
  return { data: entry.make(copy, 0, n), shape };
}
