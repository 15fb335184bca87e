// A long real CT series for benchmarks and memory checks: copies of the 10 QRM phantom slices (MIT, Canon, 512²,
// signed 16-bit, implicit VR LE), each with its own SOP Instance UID, InstanceNumber and a position `spacingMm` apart,
// all in one new series. Needs dcmtk's dcmodify.
import { execFile } from 'child_process';
import { copyFile, mkdir, readdir } from 'fs/promises';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
export const QRM_DIR = path.join(__dirname, '../../packages/scoring/fixtures/qrm-canon-large-rep1');

export async function replicateQrmSeries(
  outDir: string,
  slices: number,
  options: { spacingMm?: number; concurrency?: number } = {},
): Promise<string[]> {
  const spacing = options.spacingMm ?? 1;
  await mkdir(outDir, { recursive: true });
  const sources = (await readdir(QRM_DIR)).filter((f) => /^[0-9A-F]{8}$/.test(f)).sort();
  const stamp = `${Date.now()}${process.pid}`;
  const seriesUid = `2.25.${stamp}1`;
  const files = Array.from({ length: slices }, (_, i) =>
    path.join(outDir, `slice-${String(i + 1).padStart(4, '0')}.dcm`),
  );
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      await copyFile(path.join(QRM_DIR, sources[i % sources.length]), files[i]);
      await run('dcmodify', [
        '-nb',
        ...['-m', `(0020,000E)=${seriesUid}`],
        ...['-m', `(0008,0018)=2.25.${stamp}2${i + 1}`],
        ...['-m', `(0020,0013)=${i + 1}`],
        ...['-m', `(0020,0032)=-128.5058\\-106.00581\\${(i * spacing).toFixed(3)}`],
        ...['-m', `(0018,0050)=${spacing}`],
        files[i],
      ]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return files;
}
