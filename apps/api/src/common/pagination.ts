import { z } from 'zod';

/** Past 2^31 - 1 items a page could only be empty; far larger values (1e20) are not exact integers the database takes. */
const MAX_OFFSET = 2_147_483_647;

export const paginationSchema = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1-500)'),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0).describe(`Items to skip (0-${MAX_OFFSET})`),
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
