import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { apiQueries } from '../common/api-queries';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { ResultsQuery, resultsQuerySchema } from './results.dto';
import { ResultsService } from './results.service';

@ApiTags('results')
@ApiBearerAuth()
@RequireRole('lead')
@Controller('results')
export class ResultsController {
  constructor(private readonly service: ResultsService) {}

  @Get()
  @apiQueries(resultsQuerySchema)
  @ApiOkResponse({ description: 'Screening results, newest first: { items, total, limit, offset }' })
  list(@CurrentActor() actor: Actor, @Query(new ZodPipe(resultsQuerySchema)) query: ResultsQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One result with its lesions, timings and every series decision of the study' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(actor, id);
  }

  @Get(':id/fhir')
  @ApiOkResponse({
    description: 'FHIR R4 Bundle (collection): Observation (Agatston, per artery as components) + RiskAssessment',
  })
  fhir(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.fhir(actor, id);
  }
}
