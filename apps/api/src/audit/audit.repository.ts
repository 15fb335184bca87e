import { Inject, Injectable } from '@nestjs/common';
import type { Db, Prisma } from '@cacscreen/db';
import type { Actor } from '../common/request-context';
import { DB } from '../common/tokens';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

type Writer = Pick<Db, 'auditEvent'> | Prisma.TransactionClient;

/** Audit actions that record a read, not a change; an item's history leaves them out. */
export const READ_ACTIONS = [
  'worklist.listed',
  'worklist.viewed',
  'worklist.key-images.listed',
  'worklist.key-image.viewed',
  'results.listed',
  'result.viewed',
  'result.exported',
  'worklist.exported',
  'results.exported',
];

/** JSON for the audit columns: Dates become ISO strings, undefined becomes absent. */
export const auditJson = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** The append-only audit log: rows are inserted, never updated or deleted. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Db) {}

  /** Writes one event; pass the transaction client to make it part of a change. */
  async record(actor: Actor, entry: AuditEntry, tx: Writer = this.db): Promise<void> {
    await tx.auditEvent.create({
      data: {
        actor: actor.name,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: auditJson(entry.before),
        after: auditJson(entry.after),
        correlationId: actor.correlationId,
      },
    });
  }

  /** An entity's changes, oldest first (reads are left out). */
  history(entityType: string, entityId: string) {
    return this.db.auditEvent.findMany({
      where: { entityType, entityId, action: { notIn: READ_ACTIONS } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
  }
}
