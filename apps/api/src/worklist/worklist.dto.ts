import { z } from 'zod';
import { paginationSchema } from '../common/pagination';

export const WORKLIST_STATUSES = ['open', 'claimed', 'contacted', 'scheduled', 'closed', 'dismissed'] as const;
export const WORKLIST_SORTS = ['priority', 'score', 'created'] as const;

export const worklistQuerySchema = z.object({
  ...paginationSchema,
  status: z.enum(WORKLIST_STATUSES).optional().describe('Item status'),
  tier: z.string().min(1).optional().describe('Risk tier, e.g. high-priority'),
  minScore: z.coerce.number().min(0).optional().describe('Minimum Agatston total'),
  sweepId: z.string().uuid().optional().describe('Only items flagged by this sweep'),
  mrn: z.string().min(1).optional().describe('Exact patient ID (MRN)'),
  assignee: z.string().min(1).optional(),
  sort: z.enum(WORKLIST_SORTS).default('priority').describe('priority (most urgent first), score (highest first) or created (newest first)'),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

export interface WorklistItemView {
  id: string;
  status: string;
  tier: string;
  priority: number;
  agatstonTotal: number;
  assignee: string | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  patient: { mrn: string; sex: string | null };
  study: { studyInstanceUid: string; studyDate: string | null; ageAtStudy: number | null };
  result: {
    id: string;
    byArtery: { LM: number | null; LAD: number | null; LCX: number | null; RCA: number | null };
    cacDrs: string | null;
    category: string | null;
    lowConfidence: boolean;
  };
  risk: {
    framinghamPct: number | null;
    pooledCohortPct: number | null;
    mesaWithCacPct: number | null;
    rationale: unknown;
    missing: string[];
  } | null;
}
