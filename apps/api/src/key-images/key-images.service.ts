import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import { KeyImageOwner, KeyImagesRepository } from './key-images.repository';

export interface KeyImageView {
  rank: number;
  sliceIndex: number;
  zMm: number;
  agatston: number;
  arteries: string[];
  width: number;
  height: number;
  /** Where the PNG is served (same API key). */
  url: string;
}

export interface KeyImageListView {
  worklistItemId: string;
  modelVersion: string;
  /** Largest lesion's slice first; empty when no coronary calcium was counted (or the study predates key images). */
  items: KeyImageView[];
}

@Injectable()
export class KeyImagesService {
  constructor(
    private readonly repository: KeyImagesRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, itemId: string): Promise<KeyImageListView> {
    authorize(actor, 'coordinator');
    const owner = await this.owner(itemId);
    const rows = await this.repository.list(owner);
    await this.audit.record(actor, {
      action: 'worklist.key-images.listed',
      entityType: 'WorklistItem',
      entityId: itemId,
      after: { ranks: rows.map((row) => row.rank) },
    });
    return {
      worklistItemId: itemId,
      modelVersion: owner.modelVersion,
      items: rows.map((row) => ({ ...row, url: `/api/worklist/${itemId}/key-images/${row.rank}.png` })),
    };
  }

  /** The PNG bytes of one key image. */
  async png(actor: Actor, itemId: string, rank: number): Promise<Uint8Array> {
    authorize(actor, 'coordinator');
    const owner = await this.owner(itemId);
    const png = await this.repository.png(owner, rank);
    if (!png) {
      const count = (await this.repository.list(owner)).length;
      throw new NotFoundException(
        count === 0
          ? `Worklist item ${itemId} has no key images: no coronary calcium was counted in its study, or the study was screened before key images were made`
          : `Worklist item ${itemId} has no key image ${rank}; it has ${count} (ranks 1–${count})`,
      );
    }
    await this.audit.record(actor, {
      action: 'worklist.key-image.viewed',
      entityType: 'WorklistItem',
      entityId: itemId,
      after: { rank },
    });
    return png;
  }

  private async owner(itemId: string): Promise<KeyImageOwner> {
    const owner = await this.repository.ownerOfItem(itemId);
    if (!owner) throw new NotFoundException(`No worklist item ${itemId}`);
    return owner;
  }
}
