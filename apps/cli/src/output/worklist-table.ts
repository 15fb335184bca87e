import type { Db } from '@cacscreen/db';

const fixed = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : value.toFixed(0);

/** The open worklist as a plain-text table, most urgent first. */
export async function renderWorklist(db: Db, sweepId?: string): Promise<string> {
  const items = await db.worklistItem.findMany({
    where: { status: { notIn: ['closed', 'dismissed'] }, ...(sweepId ? { screeningResult: { sweepId } } : {}) },
    include: { patient: true, screeningResult: { include: { study: true, risk: true } } },
    orderBy: [{ priority: 'asc' }, { agatstonTotal: 'desc' }],
  });
  if (items.length === 0) return 'Worklist: no patients flagged.';
  const header = ['Patient', 'Age', 'Sex', 'Agatston', 'LM', 'LAD', 'LCX', 'RCA', 'CAC-DRS', 'PCE 10y %', 'Tier'];
  const rows = items.map((item) => {
    const result = item.screeningResult;
    return [
      item.patient.mrn,
      result.study.ageAtStudy === null ? '-' : String(result.study.ageAtStudy),
      item.patient.sex ?? '-',
      fixed(result.agatstonTotal),
      fixed(result.agatstonLM),
      fixed(result.agatstonLAD),
      fixed(result.agatstonLCX),
      fixed(result.agatstonRCA),
      result.cacDrs ?? '-',
      result.risk?.pooledCohortPct === null || result.risk?.pooledCohortPct === undefined
        ? '-'
        : result.risk.pooledCohortPct.toFixed(1),
      item.tier,
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return [
    `Worklist: ${items.length} patient(s) flagged`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
