import { z } from 'zod';
import { ROLES } from '../auth/roles';
import type { ApiKeyRow } from './keys.repository';

export const createKeySchema = z
  .object({
    name: z
      .string({ required_error: 'name is required' })
      .trim()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9 ._@-]{1,63}$/,
        'name must be 2-64 letters, digits, spaces or . _ @ - (it is shown in the audit log)',
      )
      .describe('Who or what uses the key; recorded as the actor of every audited action'),
    role: z.enum(ROLES).describe('coordinator, lead or admin'),
  })
  .strict();
export type CreateKeyBody = z.infer<typeof createKeySchema>;

export function toKeyView(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
export type KeyView = ReturnType<typeof toKeyView>;
