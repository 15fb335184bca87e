import { ConflictException } from '@nestjs/common';
import { invalidRequest } from '../common/zod-query.pipe';
import type { WorklistStatus } from './worklist.dto';

/**
 * The coordinators' workflow: open → claimed → contacted → scheduled → closed, or dismissed (with a reason) from any
 * state that is not final. A claimed item can be released back to open; a scheduled appointment that falls through
 * goes back to contacted; an item can be closed once claimed (e.g. the patient is already treated).
 */
export const TRANSITIONS: Record<WorklistStatus, readonly WorklistStatus[]> = {
  open: ['claimed', 'dismissed'],
  claimed: ['open', 'contacted', 'scheduled', 'closed', 'dismissed'],
  contacted: ['scheduled', 'closed', 'dismissed'],
  scheduled: ['contacted', 'closed', 'dismissed'],
  closed: [],
  dismissed: [],
};

export const FINAL_STATUSES: readonly WorklistStatus[] = ['closed', 'dismissed'];

export interface ItemState {
  status: WorklistStatus;
  assignee: string | null;
  dueDate: Date | null;
  dismissReason: string | null;
}

export interface ItemPatch {
  status?: WorklistStatus;
  assignee?: string | null;
  dueDate?: Date | null;
  dismissReason?: string;
}

export interface ItemChange {
  status?: WorklistStatus;
  assignee?: string | null;
  dueDate?: Date | null;
  dismissReason?: string | null;
  /** Set when the item leaves the open set, so a newer study can open a new item for the patient. */
  clearOpenKey: boolean;
}

/** Checks a requested change against the item's state and returns the columns to write; throws 409 / 400 otherwise. */
export function planChange(current: ItemState, patch: ItemPatch, actorName: string): ItemChange {
  if (FINAL_STATUSES.includes(current.status)) {
    throw new ConflictException(`The item is ${current.status}; a ${current.status} item cannot be changed`);
  }
  const change: ItemChange = { clearOpenKey: false };
  const target = patch.status;
  if (target !== undefined && target !== current.status) {
    if (!TRANSITIONS[current.status].includes(target)) {
      const allowed = TRANSITIONS[current.status].join(', ');
      throw new ConflictException(`Cannot move an item from ${current.status} to ${target} (allowed: ${allowed})`);
    }
    change.status = target;
    if (target === 'claimed' && !current.assignee && patch.assignee === undefined) change.assignee = actorName;
    if (target === 'open') change.assignee = null;
    if (FINAL_STATUSES.includes(target)) change.clearOpenKey = true;
  }
  if (target === 'dismissed' && target !== current.status && !patch.dismissReason) {
    throw invalidRequest([{ field: 'dismissReason', message: 'dismissReason is required to dismiss an item' }]);
  }
  if (patch.dismissReason !== undefined) {
    if (target !== 'dismissed') {
      throw invalidRequest([
        { field: 'dismissReason', message: 'dismissReason is only accepted with status "dismissed"' },
      ]);
    }
    change.dismissReason = patch.dismissReason;
  }
  if (patch.assignee !== undefined && change.assignee === undefined) change.assignee = patch.assignee;
  if (patch.dueDate !== undefined) change.dueDate = patch.dueDate;
  return change;
}

/** Claiming: open → claimed by the caller. Claiming an item one already holds is harmless. */
export function planClaim(current: ItemState, actorName: string): ItemChange {
  if (current.status === 'claimed' && current.assignee === actorName) return { clearOpenKey: false };
  if (current.status !== 'open') {
    const holder = current.assignee ? ` by ${current.assignee}` : '';
    throw new ConflictException(`The item is ${current.status}${holder}; only an open item can be claimed`);
  }
  return { status: 'claimed', assignee: actorName, clearOpenKey: false };
}
