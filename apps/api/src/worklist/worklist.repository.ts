import { Inject, Injectable } from '@nestjs/common';
import type { Db, Prisma } from '@cacscreen/db';
import { DB } from '../common/tokens';
import type { WorklistQuery } from './worklist.dto';

const include = { patient: true, screeningResult: { include: { study: true, risk: true } } } as const;
export type WorklistRow = Prisma.WorklistItemGetPayload<{ include: typeof include }>;

const ORDER: Record<WorklistQuery['sort'], Prisma.WorklistItemOrderByWithRelationInput[]> = {
  priority: [{ priority: 'asc' }, { agatstonTotal: 'desc' }, { id: 'asc' }],
  score: [{ agatstonTotal: 'desc' }, { id: 'asc' }],
  created: [{ createdAt: 'desc' }, { id: 'asc' }],
};

@Injectable()
export class WorklistRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async list(query: WorklistQuery): Promise<{ rows: WorklistRow[]; total: number }> {
    const where: Prisma.WorklistItemWhereInput = {
      status: query.status,
      tier: query.tier,
      assignee: query.assignee,
      agatstonTotal: query.minScore === undefined ? undefined : { gte: query.minScore },
      patient: query.mrn ? { mrn: query.mrn } : undefined,
      screeningResult: query.sweepId ? { sweepId: query.sweepId } : undefined,
    };
    const [rows, total] = await Promise.all([
      this.db.worklistItem.findMany({ where, include, orderBy: ORDER[query.sort], take: query.limit, skip: query.offset }),
      this.db.worklistItem.count({ where }),
    ]);
    return { rows, total };
  }
}
