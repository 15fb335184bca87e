import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@cacscreen/db';
import { DB } from '../common/tokens';

@Injectable()
export class SweepsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  list(limit: number, offset: number) {
    return Promise.all([
      this.db.sweep.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'asc' }], take: limit, skip: offset }),
      this.db.sweep.count(),
    ]);
  }

  findById(id: string) {
    return this.db.sweep.findUnique({ where: { id } });
  }

  /** Worklist items each sweep put on the worklist (its "flagged" count; the worklist's sweepId filter). */
  async flaggedCounts(sweepIds: string[]): Promise<Map<string, number>> {
    const groups = await this.db.worklistItem.groupBy({
      by: ['sweepId'],
      where: { sweepId: { in: sweepIds } },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.sweepId as string, g._count._all]));
  }
}
