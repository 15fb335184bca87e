import type { SweepProgress } from '@cacscreen/worker';

const WIDTH = 30;

/** One line describing a sweep's progress, e.g. `[#########.....] 12/20 screened 10 skipped 1 failed 0 flagged 4`. */
export function renderSweepProgress(progress: SweepProgress): string {
  const done = progress.screened + progress.skipped + progress.failed + progress.alreadyScreened;
  const total = Math.max(progress.seen, done, 1);
  const filled = Math.round((done / total) * WIDTH);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}`;
  const eta = progress.etaSeconds === null ? '' : ` eta ${progress.etaSeconds}s`;
  const already = progress.alreadyScreened ? ` already-screened ${progress.alreadyScreened}` : '';
  return (
    `[${bar}] ${done}/${progress.seen} screened ${progress.screened} skipped ${progress.skipped} ` +
    `failed ${progress.failed} flagged ${progress.flagged}${already} (${progress.inFlight} in flight, ` +
    `${progress.studiesPerHour}/h${eta}) ${progress.status}`
  );
}

/** Rewrites the line in place on a terminal; prints occasional full lines otherwise (CI logs). */
export class ProgressLine {
  private lastPrinted = 0;
  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  update(line: string, force = false): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r${line.padEnd(this.stream.columns ? this.stream.columns - 1 : 0)}`);
    } else if (force || Date.now() - this.lastPrinted > 5000) {
      this.stream.write(`${line}\n`);
      this.lastPrinted = Date.now();
    }
  }

  finish(line: string): void {
    if (this.stream.isTTY) this.stream.write(`\r${line}\n`);
    else this.stream.write(`${line}\n`);
  }
}
