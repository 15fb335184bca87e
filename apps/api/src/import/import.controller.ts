import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { ImportQuery, importQuerySchema } from './import.dto';
import { ImportPayload, ImportService } from './import.service';

function payloadOf(contentType: string | undefined, body: unknown): ImportPayload {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if ((type === 'text/csv' || type === 'text/plain') && typeof body === 'string') return { kind: 'csv', text: body };
  if (type === 'application/json' || type === 'application/fhir+json') return { kind: 'json', body };
  throw ImportService.unsupported(contentType);
}

@ApiTags('import')
@ApiBearerAuth()
@RequireRole('lead')
@Controller('import')
export class ImportController {
  constructor(private readonly service: ImportService) {}

  @Post('risk-factors')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/fhir+json', 'application/json')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiBody({ description: 'CSV with the columns in docs/api.md, or a FHIR R4 Bundle', schema: { type: 'string' } })
  @ApiOkResponse({
    description:
      '{ format, dryRun, received, valid, stored, unchanged, errors: [{ row, field, message }], reassessed }',
  })
  riskFactors(
    @CurrentActor() actor: Actor,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Query(new ZodPipe(importQuerySchema)) query: ImportQuery,
  ) {
    return this.service.importRiskFactors(actor, payloadOf(contentType, body), query.dryRun);
  }
}
