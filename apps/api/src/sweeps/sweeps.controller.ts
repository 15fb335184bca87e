import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { z } from 'zod';
import { paginationSchema } from '../common/pagination';
import { ZodPipe } from '../common/zod-query.pipe';
import { SweepsService } from './sweeps.service';

const listSchema = z.object(paginationSchema);

@ApiTags('sweeps')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('sweeps')
export class SweepsController {
  constructor(private readonly service: SweepsService) {}

  @Get()
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'offset', required: false, type: Number })
  @ApiOkResponse({ description: 'Sweeps, newest first, with their stored counters' })
  list(@Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    return this.service.list(query.limit, query.offset);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One sweep; `live` holds the workflow progress while it runs' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(id);
  }
}
