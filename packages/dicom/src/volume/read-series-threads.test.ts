import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSeries } from '../__tests__/write-dicom';
import { NotDicomError } from '../errors';
import { fillInThreads } from '../isolation/decode-threads';
import { readSeriesVolume } from './read-series-volume';

// Helper threads run the compiled package (dist/): `npm run build` runs before the tests.
describe('readSeriesVolume on several threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cacscreen-threads-'));
  // Files in reverse z order, so slice order is not file order; values differ per slice and voxel.
  const files = writeSeries({
    dir,
    slices: 40,
    rows: 32,
    columns: 24,
    hu: (x, y, k) => ((x * 37 + y * 11 + k * 101) % 2400) - 1000,
    position: (k) => [0, 0, -3 * k],
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the same volume as one thread, in shared memory', async () => {
    const one = await readSeriesVolume(files, { decodeThreads: 1 });
    const three = await readSeriesVolume(files, { decodeThreads: 3 });
    expect(three.volume.hu.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(one.volume.hu.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(three.volume.hu.buffer).equals(Buffer.from(one.volume.hu.buffer))).toBe(true);
    expect({ ...three.volume, hu: undefined }).toEqual({ ...one.volume, hu: undefined });
    expect(three.warnings).toEqual(one.warnings);
  });

  it("reports the lowest slice's failure, whichever thread met it, with its error class", async () => {
    const garbage = join(dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    const slices = (bad: Record<number, string>) =>
      files.map((path, z) => ({ path: bad[z] ?? path, frameIndex: 0, z }));
    const fill = (bad: Record<number, string>) => {
      const hu = new Int16Array(new SharedArrayBuffer(40 * 32 * 24 * 2));
      return fillInThreads(slices(bad), hu, 32 * 24, { paddingHu: -1024 }, 2);
    };
    const inHelper = await fill({ 30: garbage });
    expect(inHelper?.z).toBe(30);
    expect(inHelper?.error).toBeInstanceOf(NotDicomError);
    expect((inHelper?.error as Error).message).toContain('garbage.bin');
    const both = await fill({ 5: join(dir, 'missing.dcm'), 30: garbage });
    expect(both?.z).toBe(5);
    expect((both?.error as Error).message).toMatch(/ENOENT.*missing\.dcm/);
    expect(await fill({})).toBeUndefined();
  });
});
