import type { Volume } from '@cacscreen/dicom';

/** The volume without its voxels: grid, spacing, position, directions, thickness, kVp. */
export function geometryOf(volume: Volume): Omit<Volume, 'hu'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { hu, ...geometry } = volume;
  return geometry;
}

/** True when both volumes hold the same HU in every voxel. */
export function sameVoxels(a: Volume, b: Volume): boolean {
  const bytes = (v: Volume) => Buffer.from(v.hu.buffer, v.hu.byteOffset, v.hu.byteLength);
  return bytes(a).equals(bytes(b));
}

/** Index and values of the first voxels that differ (for a readable failure). */
export function firstDifferences(a: Volume, b: Volume, max = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(a.hu.length, b.hu.length) && out.length < max; i++) {
    if (a.hu[i] !== b.hu[i]) out.push(`voxel ${i}: ${a.hu[i]} vs ${b.hu[i]}`);
  }
  if (a.hu.length !== b.hu.length) out.push(`lengths ${a.hu.length} vs ${b.hu.length}`);
  return out;
}
