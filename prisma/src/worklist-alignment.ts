import { TIER_ORDER } from '@cacscreen/risk';
import type { Prisma } from './generated/client';

/** Lower is more urgent (high-priority 1 … routine 4): risk's tier order, the order coordinators work the queue in. */
export const TIER_PRIORITY: Record<string, number> = Object.fromEntries(
  TIER_ORDER.map((tier, index) => [tier, TIER_ORDER.length - index]),
);

/** A scored result's risk, as the patient's worklist item should show it. */
export interface WorklistCandidate {
  patientId: string;
  screeningResultId: string;
  tier: string;
  flagged: boolean;
  agatstonTotal: number;
}

/** Who made the change, for the audit log: `system:sweep`, or the API caller's name. */
export interface AuditActor {
  name: string;
  correlationId?: string;
}

/**
 * What happened to the patient's open item: created; rescored (an untouched open item moved to the new result);
 * attached (an item a coordinator is working on took the newer result, with a history entry); unchanged (it already
 * showed this, or the result is from an older study than the item's); none (no open item and nothing to flag).
 */
export type WorklistChange = 'created' | 'rescored' | 'attached' | 'unchanged' | 'none';

/** Statuses in which a coordinator has taken the item on. */
const IN_PROGRESS = new Set(['claimed', 'contacted', 'scheduled']);

interface ResultRecency {
  id: string;
  createdAt: Date;
  study: { id: string; studyDate: Date | null };
}

/** Newer study date first (an unknown date is older than any known one), then the later-scored result. */
function isNewer(a: ResultRecency, b: ResultRecency): boolean {
  const dateA = a.study.studyDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  const dateB = b.study.studyDate?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (dateA !== dateB) return dateA > dateB;
  return a.createdAt.getTime() > b.createdAt.getTime();
}

function recency(tx: Prisma.TransactionClient, ids: string[]): Promise<ResultRecency[]> {
  return tx.screeningResult.findMany({
    where: { id: { in: ids } },
    select: { id: true, createdAt: true, study: { select: { id: true, studyDate: true } } },
  });
}

const json = (value: unknown): Prisma.InputJsonValue => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/**
 * The one rule for "one open worklist item per patient", used by sweeps and by risk reassessment alike: the
 * patient's newest study decides what the open item shows. A result from an older study than the item's never
 * replaces it; an item a coordinator has claimed, contacted or scheduled keeps its status and assignee, and the
 * newer result is attached with a history entry (old → new score, tier and study); a patient is flagged anew only
 * when no item exists for this result or for a newer study (a coordinator's closed or dismissed decision stands).
 */
export async function alignOpenWorklistItem(
  tx: Prisma.TransactionClient,
  candidate: WorklistCandidate,
  actor: AuditActor,
): Promise<WorklistChange> {
  const priority = TIER_PRIORITY[candidate.tier] ?? 9;
  const columns = {
    screeningResultId: candidate.screeningResultId,
    tier: candidate.tier,
    priority,
    agatstonTotal: candidate.agatstonTotal,
  };
  const audit = (action: string, entityId: string, before: unknown, after: unknown) =>
    tx.auditEvent.create({
      data: {
        actor: actor.name,
        action,
        entityType: 'WorklistItem',
        entityId,
        before: before === undefined ? undefined : json(before),
        after: json(after),
        correlationId: actor.correlationId,
      },
    });
  const open = await tx.worklistItem.findUnique({ where: { openKey: candidate.patientId } });
  if (open) {
    if (
      open.screeningResultId === candidate.screeningResultId &&
      open.tier === candidate.tier &&
      open.agatstonTotal === candidate.agatstonTotal
    ) {
      return 'unchanged';
    }
    const results = await recency(tx, [open.screeningResultId, candidate.screeningResultId]);
    const current = results.find((r) => r.id === open.screeningResultId);
    const incoming = results.find((r) => r.id === candidate.screeningResultId);
    if (current && incoming && current.id !== incoming.id && !isNewer(incoming, current)) return 'unchanged';
    const view = (row: typeof columns, study: ResultRecency['study'] | undefined) => ({
      ...row,
      studyId: study?.id ?? null,
      studyDate: study?.studyDate ?? null,
    });
    await tx.worklistItem.update({ where: { id: open.id }, data: columns });
    const inProgress = IN_PROGRESS.has(open.status);
    await audit(
      inProgress ? 'worklist.result-attached' : 'worklist.rescored',
      open.id,
      view(
        {
          screeningResultId: open.screeningResultId,
          tier: open.tier,
          priority: open.priority,
          agatstonTotal: open.agatstonTotal,
        },
        current?.study,
      ),
      { ...view(columns, incoming?.study), status: open.status },
    );
    return inProgress ? 'attached' : 'rescored';
  }
  if (!candidate.flagged) return 'none';
  const earlier = await tx.worklistItem.findMany({
    where: { patientId: candidate.patientId },
    select: { screeningResultId: true },
  });
  if (earlier.some((item) => item.screeningResultId === candidate.screeningResultId)) return 'none';
  if (earlier.length > 0) {
    const results = await recency(tx, [candidate.screeningResultId, ...earlier.map((e) => e.screeningResultId)]);
    const incoming = results.find((r) => r.id === candidate.screeningResultId);
    if (incoming && results.some((r) => r.id !== incoming.id && isNewer(r, incoming))) return 'none';
  }
  const created = await tx.worklistItem.create({
    data: { ...columns, patientId: candidate.patientId, openKey: candidate.patientId },
  });
  await audit('worklist.flagged', created.id, undefined, { ...columns, status: created.status });
  return 'created';
}
