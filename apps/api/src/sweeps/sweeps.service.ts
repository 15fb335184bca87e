import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination';
import { SweepProgressReader } from './sweep-progress.reader';
import { SweepsRepository } from './sweeps.repository';

type SweepRow = NonNullable<Awaited<ReturnType<SweepsRepository['findById']>>>;

/** `flagged`: the worklist items the sweep created, counted now (the same rows as GET /worklist?sweepId=). */
function toSweepView(row: SweepRow, flagged: number) {
  return {
    id: row.id,
    workflowId: row.workflowId,
    source: row.source,
    modelVersion: row.modelVersion,
    status: row.status,
    counters: {
      seen: row.seen,
      screened: row.screened,
      skipped: row.skipped,
      failed: row.failed,
      flagged,
    },
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    /** Why a failed sweep failed (an archive that stayed unreachable); null otherwise. */
    error: row.error,
  };
}

/** Stored statuses of a sweep whose workflow may still answer a progress query. */
const UNFINISHED = new Set(['running', 'paused', 'cancelling']);

@Injectable()
export class SweepsService {
  constructor(
    private readonly repository: SweepsRepository,
    private readonly progress: SweepProgressReader,
  ) {}

  async list(limit: number, offset: number): Promise<Page<ReturnType<typeof toSweepView>>> {
    const [rows, total] = await this.repository.list(limit, offset);
    const flagged = await this.repository.flaggedCounts(rows.map((row) => row.id));
    return { items: rows.map((row) => toSweepView(row, flagged.get(row.id) ?? 0)), total, limit, offset };
  }

  /**
   * The stored sweep plus, until it ends, the live progress from its workflow: the live status (running, paused,
   * cancelling) and counters win over the stored ones, which are saved per page and on each signal. `flagged` is
   * always counted in the database, so it matches the worklist filter the page links it to.
   */
  async get(id: string) {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`No sweep ${id}`);
    const live = UNFINISHED.has(row.status) ? await this.progress.read(row.workflowId) : null;
    const view = toSweepView(row, (await this.repository.flaggedCounts([row.id])).get(row.id) ?? 0);
    if (!live) return { ...view, live };
    const { seen, screened, skipped, failed } = live;
    const { flagged } = view.counters;
    return { ...view, status: live.status, counters: { seen, screened, skipped, failed, flagged }, live };
  }
}
