import { mkdtempSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeSeries } from '../__tests__/write-dicom';
import { readSeriesVolume } from '../volume/read-series-volume';
import { indexFolder } from './index-folder';

describe('files far larger than a limit are not read whole', () => {
  it('a sparse 1.9 GB garbage file beside a good study is unreadable (NOT_DICOM) after reading 64 KiB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparse-'));
    writeSeries({ dir, slices: 3 });
    const garbage = join(dir, 'zz-garbage.bin');
    writeFileSync(garbage, 'not dicom');
    truncateSync(garbage, 1.9e9); // sparse: no disk used
    const before = process.memoryUsage().rss;
    const index = await indexFolder(dir);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(index.studies).toHaveLength(1);
    expect(index.unreadable).toEqual([expect.objectContaining({ path: garbage, code: 'NOT_DICOM' })]);
  });

  it('readSeriesVolume refuses a file beyond maxFileBytes before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'big-'));
    const files = writeSeries({ dir, slices: 2 });
    await expect(readSeriesVolume(files, { limits: { maxFileBytes: 100 } })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/slice-0001\.dcm: File is \d+ bytes, beyond the limit of 100/),
    });
  });

  it('readSeriesVolume refuses a series whose HU volume is beyond maxSeriesBytes, before allocating it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-'));
    const files = writeSeries({ dir, slices: 4 });
    // 8 × 8 × 4 slices × 2 bytes = 512 bytes.
    await expect(readSeriesVolume(files, { limits: { maxSeriesBytes: 511 } })).rejects.toThrow(
      "The series' HU volume would take 512 bytes, beyond the limit of 511 (CACSCREEN_MAX_SERIES_MIB)",
    );
    await expect(readSeriesVolume(files, { limits: { maxFramesPerSeries: 3 } })).rejects.toThrow(
      'The series has 4 frames, beyond the limit of 3 (CACSCREEN_MAX_FRAMES)',
    );
    await expect(readSeriesVolume(files, { limits: { maxSeriesBytes: 512 } })).resolves.toBeDefined();
  });
});
