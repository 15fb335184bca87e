import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZodPipe } from '../common/zod-query.pipe';
import { WORKLIST_SORTS, WORKLIST_STATUSES, WorklistQuery, worklistQuerySchema } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@Controller('worklist')
export class WorklistController {
  constructor(private readonly service: WorklistService) {}

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: WORKLIST_STATUSES })
  @ApiQuery({ name: 'tier', required: false })
  @ApiQuery({ name: 'minScore', required: false, type: Number })
  @ApiQuery({ name: 'sweepId', required: false })
  @ApiQuery({ name: 'mrn', required: false })
  @ApiQuery({ name: 'assignee', required: false })
  @ApiQuery({ name: 'sort', required: false, enum: WORKLIST_SORTS })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ description: 'Flagged patients, most urgent first: { items, total, limit, offset }' })
  list(@Query(new ZodPipe(worklistQuerySchema)) query: WorklistQuery) {
    return this.service.list(query);
  }
}
