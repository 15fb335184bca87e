import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import type { ResultsFilter } from '../results/results.dto';
import { ResultsRepository } from '../results/results.repository';
import type { WorklistFilter } from '../worklist/worklist.dto';
import { WorklistRepository } from '../worklist/worklist.repository';
import { CsvCell, csvLine } from './csv-write';
import { RESULT_COLUMNS, resultCells, WORKLIST_COLUMNS, worklistCells } from './export-columns';

/**
 * CSV lines (header first) a page at a time. The first page is read before the response starts, so a query the
 * database refuses is an error response with its status, not a file cut off after the header.
 */
async function csvLines<T>(
  header: CsvCell[],
  pages: AsyncGenerator<T[]>,
  cells: (row: T) => CsvCell[],
): Promise<AsyncGenerator<string>> {
  const first = await pages.next();
  return (async function* () {
    yield csvLine(header);
    if (first.done) return;
    yield first.value.map((row) => csvLine(cells(row))).join('');
    for await (const rows of pages) yield rows.map((row) => csvLine(cells(row))).join('');
  })();
}

@Injectable()
export class ExportService {
  constructor(
    private readonly worklist: WorklistRepository,
    private readonly results: ResultsRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The worklist as CSV lines (header first), streamed a page at a time. */
  async worklistCsv(actor: Actor, filter: WorklistFilter): Promise<AsyncGenerator<string>> {
    authorize(actor, 'lead');
    const lines = await csvLines(WORKLIST_COLUMNS, this.worklist.iterate(filter), worklistCells);
    await this.audit.record(actor, {
      action: 'worklist.exported',
      entityType: 'WorklistItem',
      entityId: '*',
      after: { format: 'csv', filter },
    });
    return lines;
  }

  async resultsCsv(actor: Actor, filter: ResultsFilter): Promise<AsyncGenerator<string>> {
    authorize(actor, 'lead');
    const lines = await csvLines(RESULT_COLUMNS, this.results.iterate(filter), resultCells);
    await this.audit.record(actor, {
      action: 'results.exported',
      entityType: 'ScreeningResult',
      entityId: '*',
      after: { format: 'csv', filter },
    });
    return lines;
  }
}
