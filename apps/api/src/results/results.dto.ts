import { z } from 'zod';
import { paginationSchema } from '../common/pagination';

export const RESULT_STATUSES = ['scored', 'rejected', 'failed'] as const;

export const resultsFilterSchema = z
  .object({
    status: z.enum(RESULT_STATUSES).optional().describe('scored, rejected or failed'),
    sweepId: z.string().uuid().optional().describe('Only results of this sweep'),
    category: z.enum(['0', '1-99', '100-299', '>=300']).optional().describe('Agatston category'),
    modelVersion: z.string().min(1).max(128).optional().describe('Calcium model version'),
  })
  .strict();
export const resultsQuerySchema = resultsFilterSchema.extend(paginationSchema).strict();
export type ResultsFilter = z.infer<typeof resultsFilterSchema>;
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;
