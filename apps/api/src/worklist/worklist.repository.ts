import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Db, Prisma } from '@cacscreen/db';
import { AuditRepository } from '../audit/audit.repository';
import type { Actor } from '../common/request-context';
import { DB } from '../common/tokens';
import type { ItemChange, ItemState } from './worklist-lifecycle';
import type { WorklistFilter, WorklistQuery, WorklistStatus } from './worklist.dto';
import { WORKLIST_ORDER, worklistWhere } from './worklist-filter';

const include = { patient: true, screeningResult: { include: { study: true, risk: true } } } as const;
export type WorklistRow = Prisma.WorklistItemGetPayload<{ include: typeof include }>;

/** The columns an audit event keeps of an item before and after a change. */
function snapshot(row: {
  status: string;
  assignee: string | null;
  dueDate: Date | null;
  dismissReason: string | null;
  openKey: string | null;
}) {
  return {
    status: row.status,
    assignee: row.assignee,
    dueDate: row.dueDate,
    dismissReason: row.dismissReason,
    open: row.openKey !== null,
  };
}

@Injectable()
export class WorklistRepository {
  constructor(
    @Inject(DB) private readonly db: Db,
    private readonly audit: AuditRepository,
  ) {}

  async list(query: WorklistQuery): Promise<{ rows: WorklistRow[]; total: number }> {
    const where = worklistWhere(query);
    const [rows, total] = await Promise.all([
      this.db.worklistItem.findMany({
        where,
        include,
        orderBy: WORKLIST_ORDER[query.sort],
        take: query.limit,
        skip: query.offset,
      }),
      this.db.worklistItem.count({ where }),
    ]);
    return { rows, total };
  }

  /** Every matching item, a page at a time (for the CSV export). */
  async *iterate(filter: WorklistFilter, pageSize = 1000): AsyncGenerator<WorklistRow[]> {
    const where = worklistWhere(filter);
    for (let skip = 0; ; skip += pageSize) {
      const rows = await this.db.worklistItem.findMany({
        where,
        include,
        orderBy: WORKLIST_ORDER[filter.sort],
        take: pageSize,
        skip,
      });
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
    }
  }

  findById(id: string): Promise<WorklistRow | null> {
    return this.db.worklistItem.findUnique({ where: { id }, include });
  }

  notes(worklistItemId: string) {
    return this.db.worklistNote.findMany({ where: { worklistItemId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  history(worklistItemId: string) {
    return this.audit.history('WorklistItem', worklistItemId);
  }

  /**
   * Locks the item, lets `decide` plan the change from its current state, writes it and its audit event (before and
   * after) in one transaction, so two coordinators acting at once are serialised and each sees the other's result.
   */
  async change(id: string, actor: Actor, action: string, decide: (state: ItemState) => ItemChange): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<
        Array<{ id: string }>
      >`SELECT id FROM "WorklistItem" WHERE id = ${id} FOR UPDATE`;
      if (locked.length === 0) throw new NotFoundException(`No worklist item ${id}`);
      const before = await tx.worklistItem.findUniqueOrThrow({ where: { id } });
      const { clearOpenKey, ...columns } = decide({ ...before, status: before.status as WorklistStatus });
      if (Object.keys(columns).length === 0 && !clearOpenKey) return;
      const after = await tx.worklistItem.update({
        where: { id },
        data: { ...columns, ...(clearOpenKey ? { openKey: null } : {}) },
      });
      await this.audit.record(
        actor,
        { action, entityType: 'WorklistItem', entityId: id, before: snapshot(before), after: snapshot(after) },
        tx,
      );
    });
  }

  async addNote(id: string, actor: Actor, body: string) {
    return this.db.$transaction(async (tx) => {
      const item = await tx.worklistItem.findUnique({ where: { id }, select: { id: true } });
      if (!item) throw new NotFoundException(`No worklist item ${id}`);
      const note = await tx.worklistNote.create({ data: { worklistItemId: id, author: actor.name, body } });
      await this.audit.record(
        actor,
        { action: 'worklist.note-added', entityType: 'WorklistItem', entityId: id, after: { noteId: note.id, body } },
        tx,
      );
      return note;
    });
  }
}
