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
}
