import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { BOOTSTRAP_ADMIN } from '../auth/auth.guard';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import { CreateKeyBody, KeyView, toKeyView } from './keys.dto';
import { KeysRepository } from './keys.repository';

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Creates a key; the response holds the key itself, which is never shown again. */
  async create(actor: Actor, body: CreateKeyBody): Promise<KeyView & { key: string }> {
    authorize(actor, 'admin');
    if (body.name === BOOTSTRAP_ADMIN || (await this.keys.findByName(body.name))) {
      throw new ConflictException(
        `A key named "${body.name}" exists (names are never reused: they identify actors in the audit log)`,
      );
    }
    const { key, row } = await this.keys.create({ name: body.name, role: body.role, createdBy: actor.name });
    const view = toKeyView(row);
    await this.audit.record(actor, { action: 'key.created', entityType: 'ApiKey', entityId: row.id, after: view });
    return { ...view, key };
  }

  async list(actor: Actor): Promise<KeyView[]> {
    authorize(actor, 'admin');
    return (await this.keys.list()).map(toKeyView);
  }

  async revoke(actor: Actor, id: string): Promise<KeyView> {
    authorize(actor, 'admin');
    const before = await this.keys.findById(id);
    if (!before) throw new NotFoundException(`No API key ${id}`);
    if (before.revokedAt) return toKeyView(before);
    const after = toKeyView(await this.keys.revoke(id));
    await this.audit.record(actor, {
      action: 'key.revoked',
      entityType: 'ApiKey',
      entityId: id,
      before: toKeyView(before),
      after,
    });
    return after;
  }
}
