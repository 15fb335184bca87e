import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { apiQueries } from '../common/api-queries';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { Actor } from '../common/request-context';
import { SweepControlService } from './sweep-control.service';
import { startSweepSchema, StartSweepRequest, SWEEP_SIGNALS, SweepSignalName } from './sweeps.dto';
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
  constructor(
    private readonly service: SweepsService,
    private readonly control: SweepControlService,
  ) {}

  @Post()
  @RequireRole('lead')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['source'],
      properties: {
        source: { type: 'string', description: 'Absolute folder path (as the workers see it) or DICOMweb URL' },
        maxInFlight: { type: 'integer', minimum: 1, maximum: 1000 },
        pageSize: { type: 'integer', minimum: 1, maximum: 5000 },
        incremental: { type: 'boolean' },
        archiveTimeoutSeconds: {
          type: 'integer',
          minimum: 10,
          maximum: 86400,
          description:
            'How long listing the archive may keep failing before the sweep fails with the error (default 900)',
        },
      },
    },
  })
  @ApiCreatedResponse({ description: 'The new sweep: { id, workflowId }' })
  @ApiBadRequestResponse({
    description: 'A bad field, or an archive that does not exist or does not answer (the reason)',
  })
  start(@CurrentActor() actor: Actor, @Body(new ZodPipe(startSweepSchema)) body: StartSweepRequest) {
    return this.control.start(actor, body);
  }

  @Post(':id/:signal')
  @HttpCode(202)
  @RequireRole('lead')
  @ApiParam({ name: 'signal', enum: SWEEP_SIGNALS })
  @ApiAcceptedResponse({ description: 'The signal was delivered to the sweep workflow; 409 when the sweep has ended' })
  signal(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('signal', new ZodPipe(z.enum(SWEEP_SIGNALS))) signal: SweepSignalName,
  ) {
    return this.control.signal(actor, id, signal);
  }

  @Get()
  @apiQueries(listSchema)
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
