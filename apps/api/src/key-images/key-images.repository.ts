import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '@cacscreen/db';
import { DB } from '../common/tokens';

/** The study and model version whose key images a worklist item shows (those of the result it was flagged from). */
export interface KeyImageOwner {
  studyId: string;
  modelVersion: string;
}

const metadata = {
  rank: true,
  sliceIndex: true,
  zMm: true,
  agatston: true,
  arteries: true,
  width: true,
  height: true,
} as const;

@Injectable()
export class KeyImagesRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  async ownerOfItem(itemId: string): Promise<KeyImageOwner | null> {
    const item = await this.db.worklistItem.findUnique({
      where: { id: itemId },
      select: { screeningResult: { select: { studyId: true, modelVersion: true } } },
    });
    return item ? item.screeningResult : null;
  }

  /** Metadata only, rank order; the PNG bytes stay in the database. */
  list(owner: KeyImageOwner) {
    return this.db.keyImage.findMany({ where: owner, select: metadata, orderBy: { rank: 'asc' } });
  }

  async png(owner: KeyImageOwner, rank: number): Promise<Uint8Array | null> {
    const row = await this.db.keyImage.findUnique({
      where: { studyId_modelVersion_rank: { ...owner, rank } },
      select: { png: true },
    });
    return row ? row.png : null;
  }
}
