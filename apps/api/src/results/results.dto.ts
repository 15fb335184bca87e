import { z } from 'zod';
import { paginationSchema } from '../common/pagination';

export const RESULT_STATUSES = ['scored', 'rejected', 'failed'] as const;

export const resultsQuerySchema = z.object({
  ...paginationSchema,
  status: z.enum(RESULT_STATUSES).optional(),
  sweepId: z.string().uuid().optional(),
  category: z.enum(['0', '1-99', '100-299', '>=300']).optional(),
  modelVersion: z.string().min(1).optional(),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;
