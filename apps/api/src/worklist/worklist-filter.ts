import type { Prisma } from '@cacscreen/db';
import type { WorklistFilter } from './worklist.dto';

const range = <T>(gte: T | undefined, lte: T | undefined) =>
  gte === undefined && lte === undefined ? undefined : { gte, lte };

/**
 * Turns the validated filters into a Prisma where clause. Site, age and study date are the item's own copies (kept in
 * line by database triggers), so the common filters need no joins; only MRN and sweep join their tables. MRN and site match any part, ignoring case (coordinators type fragments).
 */
export function worklistWhere(filter: WorklistFilter): Prisma.WorklistItemWhereInput {
  return {
    status: filter.status ? { in: filter.status } : undefined,
    tier: filter.tier ? { in: filter.tier } : undefined,
    assignee: filter.assignee,
    site: filter.site !== undefined ? { contains: filter.site, mode: 'insensitive' } : undefined,
    ageAtStudy: range(filter.minAge, filter.maxAge),
    studyDate: range(filter.studyFrom, filter.studyTo),
    agatstonTotal: range(filter.minScore, filter.maxScore),
    createdAt: filter.flaggedTo
      ? { gte: filter.flaggedFrom, lt: new Date(filter.flaggedTo.getTime() + 86_400_000) }
      : range(filter.flaggedFrom, undefined),
    dueDate: filter.dueBefore ? { lte: filter.dueBefore } : undefined,
    patient: filter.mrn !== undefined ? { mrn: { contains: filter.mrn, mode: 'insensitive' } } : undefined,
    screeningResult: filter.sweepId !== undefined ? { sweepId: filter.sweepId } : undefined,
  };
}

export const WORKLIST_ORDER: Record<WorklistFilter['sort'], Prisma.WorklistItemOrderByWithRelationInput[]> = {
  priority: [{ priority: 'asc' }, { agatstonTotal: 'desc' }, { id: 'asc' }],
  score: [{ agatstonTotal: 'desc' }, { id: 'asc' }],
  created: [{ createdAt: 'desc' }, { id: 'asc' }],
  age: [{ ageAtStudy: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  studyDate: [{ studyDate: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  due: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { priority: 'asc' }, { id: 'asc' }],
};
