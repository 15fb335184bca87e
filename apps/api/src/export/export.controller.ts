import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { apiQueries } from '../common/api-queries';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { ResultsFilter, resultsFilterSchema } from '../results/results.dto';
import { WorklistFilter, worklistFilterSchema } from '../worklist/worklist.dto';
import { ExportService } from './export.service';

const csvFile = (lines: AsyncGenerator<string>, name: string) =>
  new StreamableFile(Readable.from(lines), {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}"`,
  });

@ApiTags('export')
@ApiBearerAuth()
@RequireRole('lead')
@Controller('export')
export class ExportController {
  constructor(private readonly service: ExportService) {}

  @Get('worklist.csv')
  @ApiProduces('text/csv')
  @apiQueries(worklistFilterSchema)
  @ApiOperation({ summary: 'Export the worklist as CSV' })
  @ApiOkResponse({
    description: 'Every worklist item matching the filters (same as GET /api/worklist, unpaginated)',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async worklist(@CurrentActor() actor: Actor, @Query(new ZodPipe(worklistFilterSchema)) filter: WorklistFilter) {
    return csvFile(await this.service.worklistCsv(actor, filter), 'worklist.csv');
  }

  @Get('results.csv')
  @ApiProduces('text/csv')
  @apiQueries(resultsFilterSchema)
  @ApiOperation({ summary: 'Export screening results as CSV' })
  @ApiOkResponse({
    description: 'Every screening result matching the filters, with its risk assessment',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async results(@CurrentActor() actor: Actor, @Query(new ZodPipe(resultsFilterSchema)) filter: ResultsFilter) {
    return csvFile(await this.service.resultsCsv(actor, filter), 'results.csv');
  }
}
