import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZodPipe } from '../common/zod-query.pipe';
import { RESULT_STATUSES, ResultsQuery, resultsQuerySchema } from './results.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@Controller('results')
export class ResultsController {
  constructor(private readonly service: ResultsService) {}

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: RESULT_STATUSES })
  @ApiQuery({ name: 'sweepId', required: false })
  @ApiQuery({ name: 'category', required: false, enum: ['0', '1-99', '100-299', '>=300'] })
  @ApiQuery({ name: 'modelVersion', required: false })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ description: 'Screening results, newest first: { items, total, limit, offset }' })
  list(@Query(new ZodPipe(resultsQuerySchema)) query: ResultsQuery) {
    return this.service.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One result with its lesions, timings and every series decision of the study' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(id);
  }
}
