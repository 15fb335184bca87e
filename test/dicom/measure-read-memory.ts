// Child process for the memory test: reads a series with readSeriesVolume and prints, as JSON, the resident set
// before reading, the peak resident set (getrusage maxRSS) and the HU volume's size. Run with tsx.
import { readdir } from 'fs/promises';
import * as path from 'path';
import { readSeriesVolume } from '@cacscreen/dicom';

async function main(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.dcm')).map((f) => path.join(dir, f));
  const baselineRssBytes = process.memoryUsage().rss;
  const { volume } = await readSeriesVolume(files);
  const result = {
    slices: volume.dims[2],
    voxelBytes: volume.hu.byteLength,
    baselineRssBytes,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
