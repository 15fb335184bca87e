import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { apiQueries } from '../common/api-queries';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { ResultsQuery, resultsQuerySchema } from './results.dto';
import { ResultsService } from './results.service';
import { ApiErrors } from '../openapi/complete-openapi';
import { pageOf, ref } from '../openapi/response-schemas';

@ApiTags('results')
@ApiBearerAuth()
@RequireRole('lead')
@Controller('results')
export class ResultsController {
  constructor(private readonly service: ResultsService) {}

  @Get()
  @apiQueries(resultsQuerySchema)
  @ApiOperation({ summary: 'List screening results' })
  @ApiOkResponse({
    description: 'Screening results, newest first: { items, total, limit, offset }',
    schema: pageOf('Result'),
  })
  list(@CurrentActor() actor: Actor, @Query(new ZodPipe(resultsQuerySchema)) query: ResultsQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one screening result' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    description: 'One result with its lesions, timings and every series decision of the study',
    schema: ref('ResultDetail'),
  })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(actor, id);
  }

  @Get(':id/fhir')
  @ApiOperation({ summary: 'Export one result as FHIR R4' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    description: 'FHIR R4 Bundle (collection): Observation (Agatston, per artery as components) + RiskAssessment',
    schema: ref('FhirBundle'),
  })
  @ApiErrors({ 404: 'No such result, or a result with no score (rejected or failed)' })
  fhir(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.fhir(actor, id);
  }
}
