import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@cacscreen/db';
import { DB } from '../common/tokens';

@Injectable()
export class HealthRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Whether PostgreSQL answers a trivial query. */
  async databaseAnswers(): Promise<boolean> {
    try {
      await this.db.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }
}
