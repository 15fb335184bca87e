import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '../common/pagination';
import { SweepProgressReader } from './sweep-progress.reader';
import { SweepsRepository } from './sweeps.repository';

type SweepRow = NonNullable<Awaited<ReturnType<SweepsRepository['findById']>>>;

function toSweepView(row: SweepRow) {
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
      flagged: row.flagged,
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
    return { items: rows.map(toSweepView), total, limit, offset };
  }

  /**
   * The stored sweep plus, until it ends, the live progress from its workflow: the live status (running, paused,
   * cancelling) and counters win over the stored ones, which are saved per page and on each signal.
   */
  async get(id: string) {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`No sweep ${id}`);
    const live = UNFINISHED.has(row.status) ? await this.progress.read(row.workflowId) : null;
    const view = toSweepView(row);
    if (!live) return { ...view, live };
    const { seen, screened, skipped, failed, flagged } = live;
    return { ...view, status: live.status, counters: { seen, screened, skipped, failed, flagged }, live };
  }
}
