import { mkdtempSync, statSync, truncateSync, writeFileSync } from 'fs';
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

describe('a file cut off inside its pixel data', () => {
  it('stays in its study when indexed, and reading its pixels rejects it with TRUNCATED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cut-'));
    const files = writeSeries({ dir, slices: 3 });
    // Each slice is 8 × 8 × 2 = 128 bytes of pixels at the end of the file: cut 40 of them.
    truncateSync(files[1], statSync(files[1]).size - 40);
    const index = await indexFolder(dir);
    expect(index.unreadable).toEqual([]);
    expect(index.studies).toHaveLength(1);
    const series = index.studies[0].series[0];
    expect(series.files).toEqual([...files].sort());
    expect(series.warnings).toEqual([
      `1 file(s) cut off inside the pixel data, e.g. ${files[1]}: ` +
        '1 frame(s) of 8×8 at 16 bits need 128 bytes of pixel data; the file holds 88',
    ]);
    await expect(readSeriesVolume(files)).rejects.toMatchObject({ code: 'TRUNCATED' });
  });
});
