import { ForbiddenException } from '@nestjs/common';
import type { Actor } from '../common/request-context';
import { hasRole, Role } from './roles';

/** The first line of every service method: refuses an actor whose role is too weak. */
export function authorize(actor: Actor, needed: Role): void {
  if (!hasRole(actor.role, needed)) {
    throw new ForbiddenException(`This needs the ${needed} role; the key "${actor.name}" has the ${actor.role} role`);
  }
}
