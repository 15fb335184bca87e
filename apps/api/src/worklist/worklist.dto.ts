import { z } from 'zod';
import { TIER_ORDER } from '@cacscreen/risk';
import { asEnumList, withFormat } from '../common/api-queries';
import { paginationSchema } from '../common/pagination';
import type { gradesView } from '../results/result-grades';
import type { CacPercentileView, PreventView } from '../results/stored-risk';

export const WORKLIST_STATUSES = ['open', 'claimed', 'contacted', 'scheduled', 'closed', 'dismissed'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];
export const WORKLIST_SORTS = ['priority', 'score', 'created', 'age', 'studyDate', 'due'] as const;

/** Dates the API takes: wide for any clinical use, and never a year the database or a day's arithmetic overflows. */
const EARLIEST_DATE = '1900-01-01';
const LATEST_DATE = '2999-12-31';

const isoDate = (field: string) =>
  withFormat(
    z
      .string()
      .refine((value) => {
        const date = new Date(`${value}T00:00:00Z`);
        return (
          /^\d{4}-\d{2}-\d{2}$/.test(value) &&
          !Number.isNaN(date.getTime()) &&
          date.toISOString().startsWith(value) &&
          value >= EARLIEST_DATE &&
          value <= LATEST_DATE
        );
      }, `${field} must be a real date as YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`)
      .transform((value) => new Date(`${value}T00:00:00Z`)),
    'date',
  );

/** A comma-separated list of allowed values (e.g. `open,claimed`), refused with the allowed values named. */
function commaSeparated<T extends string>(field: string, values: readonly [T, ...T[]]) {
  return asEnumList(
    z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.enum(values, {
              errorMap: () => ({ message: `${field} must be one or more of ${values.join(', ')}, comma-separated` }),
            }),
          )
          .min(1),
      ),
    values,
  );
}

const statusList = commaSeparated('status', WORKLIST_STATUSES);
const tierList = commaSeparated('tier', TIER_ORDER);

/** Filters, sort and page of the worklist; shared by the list and the CSV export. */
export const worklistFilterSchema = z
  .object({
    status: statusList.optional().describe('Item status, or several comma-separated (e.g. open,claimed)'),
    tier: tierList.optional().describe('Risk tier, or several comma-separated (e.g. high-priority,statin-recommended)'),
    minScore: z.coerce.number().finite().min(0).optional().describe('Minimum Agatston total'),
    maxScore: z.coerce.number().finite().min(0).optional().describe('Maximum Agatston total'),
    minAge: z.coerce.number().int().min(0).max(130).optional().describe('Minimum age at the study, years'),
    maxAge: z.coerce.number().int().min(0).max(130).optional().describe('Maximum age at the study, years'),
    site: z.string().min(1).max(128).optional().describe('Patient site: any part of it, case-insensitive'),
    sweepId: z.string().uuid().optional().describe('Only items flagged by this sweep'),
    mrn: z.string().min(1).max(64).optional().describe('Patient ID (MRN): any part of it, case-insensitive'),
    assignee: z.string().min(1).max(64).optional().describe('Assigned coordinator (key name)'),
    studyFrom: isoDate('studyFrom').optional().describe('Study date on or after (YYYY-MM-DD)'),
    studyTo: isoDate('studyTo').optional().describe('Study date on or before (YYYY-MM-DD)'),
    flaggedFrom: isoDate('flaggedFrom').optional().describe('Flagged (item created) on or after (YYYY-MM-DD)'),
    flaggedTo: isoDate('flaggedTo').optional().describe('Flagged (item created) on or before (YYYY-MM-DD)'),
    dueBefore: isoDate('dueBefore').optional().describe('Due on or before (YYYY-MM-DD)'),
    sort: z
      .enum(WORKLIST_SORTS)
      .default('priority')
      .describe(
        'priority (most urgent first), score (highest first), created (newest first), age (oldest patient first), studyDate (newest first), due (soonest first)',
      ),
  })
  .strict();

export const worklistQuerySchema = worklistFilterSchema.extend(paginationSchema).strict();
export type WorklistFilter = z.infer<typeof worklistFilterSchema>;
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

const DAY_MS = 86_400_000;
const DUE_DATE_YEARS_AHEAD = 5;

/** A follow-up is due from yesterday (time zones) to a few years ahead: 1999 or 2999 is a typing slip. */
function isPlausibleDueDate(date: Date): boolean {
  const now = Date.now();
  return date.getTime() >= now - 2 * DAY_MS && date.getTime() <= now + DUE_DATE_YEARS_AHEAD * 365.25 * DAY_MS;
}

export const worklistPatchSchema = z
  .object({
    status: z
      .enum(WORKLIST_STATUSES)
      .optional()
      .describe('The next status (transitions are checked: an invalid one is a 409)'),
    assignee: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe('Coordinator (key name); null to unassign'),
    dueDate: isoDate('dueDate')
      .refine(isPlausibleDueDate, 'dueDate must be from yesterday to 5 years ahead')
      .nullable()
      .optional()
      .describe('Follow-up due date YYYY-MM-DD, from yesterday to 5 years ahead; null to clear'),
    dismissReason: z
      .string()
      .trim()
      .min(3, 'dismissReason must say why (at least 3 characters)')
      .max(500)
      .optional()
      .describe('Required with status "dismissed"'),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, {
    message: 'Send at least one of status, assignee, dueDate, dismissReason',
  });
export type WorklistPatch = z.infer<typeof worklistPatchSchema>;

export const noteSchema = z
  .object({
    body: z
      .string({ required_error: 'body is required' })
      .trim()
      .min(1, 'body must not be empty')
      .max(4000, 'body must be at most 4000 characters'),
  })
  .strict();
export type NoteBody = z.infer<typeof noteSchema>;

export interface WorklistItemView {
  id: string;
  status: string;
  tier: string;
  priority: number;
  agatstonTotal: number;
  assignee: string | null;
  dueDate: string | null;
  dismissReason: string | null;
  createdAt: string;
  updatedAt: string;
  patient: { mrn: string; sex: string | null; site: string | null };
  study: { studyInstanceUid: string; studyDate: string | null; ageAtStudy: number | null };
  result: {
    id: string;
    sweepId: string | null;
    byArtery: { LM: number | null; LAD: number | null; LCX: number | null; RCA: number | null };
    cacDrs: string | null;
    category: string | null;
    grades: ReturnType<typeof gradesView>;
    lowConfidence: boolean;
  };
  risk: {
    framinghamPct: number | null;
    pooledCohortPct: number | null;
    mesaWithCacPct: number | null;
    prevent: PreventView | null;
    cacPercentile: CacPercentileView | null;
    rationale: unknown;
    missing: string[];
  } | null;
}

export interface WorklistNoteView {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface HistoryEntryView {
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  correlationId: string | null;
}

export interface WorklistDetailView extends WorklistItemView {
  notes: WorklistNoteView[];
  history: HistoryEntryView[];
}
