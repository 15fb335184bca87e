import { Inject, Injectable } from '@nestjs/common';
import type { Db, Prisma } from '@cacscreen/db';
import { DB } from '../common/tokens';
import type { ResultsQuery } from './results.dto';

const include = { study: true, risk: true } as const;
export type ResultRow = Prisma.ScreeningResultGetPayload<{ include: typeof include }>;
const withPatient = { study: { include: { patient: true } }, risk: true } as const;
export type ResultWithPatientRow = Prisma.ScreeningResultGetPayload<{ include: typeof withPatient }>;

@Injectable()
export class ResultsRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async list(query: ResultsQuery): Promise<{ rows: ResultRow[]; total: number }> {
    const where: Prisma.ScreeningResultWhereInput = {
      status: query.status,
      sweepId: query.sweepId,
      category: query.category,
      modelVersion: query.modelVersion,
    };
    const [rows, total] = await Promise.all([
      this.db.screeningResult.findMany({
        where,
        include,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: query.limit,
        skip: query.offset,
      }),
      this.db.screeningResult.count({ where }),
    ]);
    return { rows, total };
  }

  findById(id: string): Promise<ResultRow | null> {
    return this.db.screeningResult.findUnique({ where: { id }, include });
  }

  findWithPatient(id: string): Promise<ResultWithPatientRow | null> {
    return this.db.screeningResult.findUnique({ where: { id }, include: withPatient });
  }

  /** Every matching result with its patient, a page at a time (for the CSV export). */
  async *iterate(
    query: Omit<ResultsQuery, 'limit' | 'offset'>,
    pageSize = 1000,
  ): AsyncGenerator<ResultWithPatientRow[]> {
    const where: Prisma.ScreeningResultWhereInput = {
      status: query.status,
      sweepId: query.sweepId,
      category: query.category,
      modelVersion: query.modelVersion,
    };
    for (let skip = 0; ; skip += pageSize) {
      const rows = await this.db.screeningResult.findMany({
        where,
        include: withPatient,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: pageSize,
        skip,
      });
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
    }
  }

  seriesDecisions(studyId: string) {
    return this.db.series.findMany({ where: { studyId }, orderBy: [{ chosen: 'desc' }, { seriesInstanceUid: 'asc' }] });
  }
}
