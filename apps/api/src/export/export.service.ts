import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository';
import { authorize } from '../auth/authorize';
import type { Actor } from '../common/request-context';
import type { ResultsFilter } from '../results/results.dto';
import { ResultsRepository } from '../results/results.repository';
import type { WorklistFilter } from '../worklist/worklist.dto';
import { WorklistRepository } from '../worklist/worklist.repository';
import { csvLine } from './csv-write';
import { RESULT_COLUMNS, resultCells, WORKLIST_COLUMNS, worklistCells } from './export-columns';

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
    await this.audit.record(actor, {
      action: 'worklist.exported',
      entityType: 'WorklistItem',
      entityId: '*',
      after: { format: 'csv', filter },
    });
    const pages = this.worklist.iterate(filter);
    return (async function* () {
      yield csvLine(WORKLIST_COLUMNS);
      for await (const rows of pages) yield rows.map((row) => csvLine(worklistCells(row))).join('');
    })();
  }

  async resultsCsv(actor: Actor, filter: ResultsFilter): Promise<AsyncGenerator<string>> {
    authorize(actor, 'lead');
    await this.audit.record(actor, {
      action: 'results.exported',
      entityType: 'ScreeningResult',
      entityId: '*',
      after: { format: 'csv', filter },
    });
    const pages = this.results.iterate(filter);
    return (async function* () {
      yield csvLine(RESULT_COLUMNS);
      for await (const rows of pages) yield rows.map((row) => csvLine(resultCells(row))).join('');
    })();
  }
}
