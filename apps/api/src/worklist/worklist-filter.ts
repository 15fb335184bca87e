import type { Prisma } from '@cacscreen/db';
import type { WorklistFilter } from './worklist.dto';

const range = <T>(gte: T | undefined, lte: T | undefined) =>
  gte === undefined && lte === undefined ? undefined : { gte, lte };

/** Turns the validated filters into a Prisma where clause (relation filters become joins on indexed columns). */
export function worklistWhere(filter: WorklistFilter): Prisma.WorklistItemWhereInput {
  const study: Prisma.StudyWhereInput = {
    ageAtStudy: range(filter.minAge, filter.maxAge),
    studyDate: range(filter.studyFrom, filter.studyTo),
  };
  const hasStudyFilter = study.ageAtStudy !== undefined || study.studyDate !== undefined;
  const hasResultFilter = hasStudyFilter || filter.sweepId !== undefined;
  const patient: Prisma.PatientWhereInput = { mrn: filter.mrn, site: filter.site };
  return {
    status: filter.status ? { in: filter.status } : undefined,
    tier: filter.tier,
    assignee: filter.assignee,
    agatstonTotal: range(filter.minScore, filter.maxScore),
    createdAt: filter.flaggedTo
      ? { gte: filter.flaggedFrom, lt: new Date(filter.flaggedTo.getTime() + 86_400_000) }
      : range(filter.flaggedFrom, undefined),
    dueDate: filter.dueBefore ? { lte: filter.dueBefore } : undefined,
    patient: filter.mrn !== undefined || filter.site !== undefined ? patient : undefined,
    screeningResult: hasResultFilter
      ? { sweepId: filter.sweepId, study: hasStudyFilter ? study : undefined }
      : undefined,
  };
}

export const WORKLIST_ORDER: Record<WorklistFilter['sort'], Prisma.WorklistItemOrderByWithRelationInput[]> = {
  priority: [{ priority: 'asc' }, { agatstonTotal: 'desc' }, { id: 'asc' }],
  score: [{ agatstonTotal: 'desc' }, { id: 'asc' }],
  created: [{ createdAt: 'desc' }, { id: 'asc' }],
  age: [{ screeningResult: { study: { ageAtStudy: { sort: 'desc', nulls: 'last' } } } }, { id: 'asc' }],
  studyDate: [{ screeningResult: { study: { studyDate: { sort: 'desc', nulls: 'last' } } } }, { id: 'asc' }],
  due: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { priority: 'asc' }, { id: 'asc' }],
};
