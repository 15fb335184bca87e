import path from 'node:path';
import { generateArchive } from '@cacscreen/phantom';

/** `cacscreen phantom <outdir> --studies N --seed S`: a synthetic archive with ground truth. */
export async function phantomCommand(outdir: string, options: { studies: number; seed: number }): Promise<void> {
  const target = path.resolve(outdir);
  await generateArchive(target, {
    studies: options.studies,
    seed: options.seed,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total} studies written`),
  });
  process.stderr.write('\n');
  console.log(
    `Wrote ${options.studies} studies to ${target} (ground truth: ${path.join(target, 'ground-truth.json')})`,
  );
}
