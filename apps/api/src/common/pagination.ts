import { z } from 'zod';

export const paginationSchema = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1-500)'),
  offset: z.coerce.number().int().min(0).default(0).describe('Items to skip'),
};

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
