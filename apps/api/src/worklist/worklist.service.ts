import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Page } from '../common/pagination';
import type { Actor } from '../common/request-context';
import { planChange, planClaim } from './worklist-lifecycle';
import type {
  NoteBody,
  WorklistDetailView,
  WorklistItemView,
  WorklistNoteView,
  WorklistPatch,
  WorklistQuery,
} from './worklist.dto';
import { WorklistRepository } from './worklist.repository';
import { toHistoryView, toNoteView, toWorklistItemView } from './worklist.view';

@Injectable()
export class WorklistService {
  constructor(
    private readonly repository: WorklistRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, query: WorklistQuery): Promise<Page<WorklistItemView>> {
    authorize(actor, 'coordinator');
    const { rows, total } = await this.repository.list(query);
    await this.audit.record(actor, {
      action: 'worklist.listed',
      entityType: 'WorklistItem',
      entityId: '*',
      after: { query, ids: rows.map((row) => row.id) },
    });
    return { items: rows.map(toWorklistItemView), total, limit: query.limit, offset: query.offset };
  }

  /** One item with its notes and its change history (from the audit log). */
  async get(actor: Actor, id: string): Promise<WorklistDetailView> {
    authorize(actor, 'coordinator');
    const detail = await this.detail(id);
    await this.audit.record(actor, { action: 'worklist.viewed', entityType: 'WorklistItem', entityId: id });
    return detail;
  }

  async claim(actor: Actor, id: string): Promise<WorklistDetailView> {
    authorize(actor, 'coordinator');
    await this.repository.change(id, actor, 'worklist.claimed', (state) => planClaim(state, actor.name));
    return this.detail(id);
  }

  async update(actor: Actor, id: string, patch: WorklistPatch): Promise<WorklistDetailView> {
    authorize(actor, 'coordinator');
    const action = patch.status ? `worklist.${patch.status}` : 'worklist.updated';
    await this.repository.change(id, actor, action, (state) => planChange(state, patch, actor.name));
    return this.detail(id);
  }

  async addNote(actor: Actor, id: string, note: NoteBody): Promise<WorklistNoteView> {
    authorize(actor, 'coordinator');
    return toNoteView(await this.repository.addNote(id, actor, note.body));
  }

  private async detail(id: string): Promise<WorklistDetailView> {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`No worklist item ${id}`);
    const [notes, history] = await Promise.all([this.repository.notes(id), this.repository.history(id)]);
    return { ...toWorklistItemView(row), notes: notes.map(toNoteView), history: history.map(toHistoryView) };
  }
}
