import { BadRequestException, ConflictException } from '@nestjs/common';
import { ItemState, planChange, planClaim } from './worklist-lifecycle';

const open: ItemState = { status: 'open', assignee: null, dueDate: null, dismissReason: null };
const claimedBy = (assignee: string): ItemState => ({ ...open, status: 'claimed', assignee });

describe('worklist lifecycle rules', () => {
  it('walks the happy path open → claimed → contacted → scheduled → closed, clearing the open key at the end', () => {
    expect(planClaim(open, 'carla')).toEqual({ status: 'claimed', assignee: 'carla', clearOpenKey: false });
    expect(planChange(claimedBy('carla'), { status: 'contacted' }, 'carla')).toEqual({
      status: 'contacted',
      clearOpenKey: false,
    });
    expect(planChange({ ...claimedBy('carla'), status: 'contacted' }, { status: 'scheduled' }, 'carla').status).toBe(
      'scheduled',
    );
    expect(planChange({ ...claimedBy('carla'), status: 'scheduled' }, { status: 'closed' }, 'carla')).toEqual({
      status: 'closed',
      clearOpenKey: true,
    });
  });

  it('refuses skipping steps and any change to a final item with 409', () => {
    expect(() => planChange(open, { status: 'scheduled' }, 'carla')).toThrow(ConflictException);
    expect(() => planChange(open, { status: 'scheduled' }, 'carla')).toThrow(
      /from open to scheduled \(allowed: claimed, dismissed\)/,
    );
    expect(() => planChange({ ...open, status: 'closed' }, { assignee: 'x' }, 'carla')).toThrow(
      /closed item cannot be changed/,
    );
  });

  it('needs a reason to dismiss, and takes a reason only when dismissing', () => {
    expect(() => planChange(open, { status: 'dismissed' }, 'carla')).toThrow(BadRequestException);
    expect(planChange(open, { status: 'dismissed', dismissReason: 'moved away' }, 'carla')).toEqual({
      status: 'dismissed',
      dismissReason: 'moved away',
      clearOpenKey: true,
    });
    expect(() => planChange(claimedBy('carla'), { dismissReason: 'why' }, 'carla')).toThrow(BadRequestException);
  });

  it('releases a claim back to open without an assignee; claiming twice is harmless, someone else’s claim is a 409', () => {
    expect(planChange(claimedBy('carla'), { status: 'open' }, 'carla')).toEqual({
      status: 'open',
      assignee: null,
      clearOpenKey: false,
    });
    expect(planClaim(claimedBy('carla'), 'carla')).toEqual({ clearOpenKey: false });
    expect(() => planClaim(claimedBy('cody'), 'carla')).toThrow(/claimed by cody/);
  });
});
