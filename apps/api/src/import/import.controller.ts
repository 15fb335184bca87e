import { Body, Controller, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiRequestContent } from '../openapi/complete-openapi';
import { CSV_COLUMNS } from './risk-factors-csv';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { ImportQuery, importQuerySchema } from './import.dto';
import { ImportPayload, ImportService } from './import.service';
import { ref } from '../openapi/response-schemas';

/** A CSV body the import reads: a header of known columns (mrn first here), then any rows (bad ones are reported). */
const CSV_BODY_PATTERN = `^mrn${['sex', 'site', ...Object.keys(CSV_COLUMNS)].map((c) => `(,${c})?`).join('')}(\\r?\\n[\\s\\S]*)?$`;

const FHIR_BUNDLE_BODY = {
  type: 'object',
  required: ['resourceType'],
  properties: {
    resourceType: { type: 'string', enum: ['Bundle'] },
    entry: {
      type: 'array',
      maxItems: 200_000,
      items: {
        type: 'object',
        required: ['resource'],
        properties: {
          fullUrl: { type: 'string' },
          resource: { type: 'object', required: ['resourceType'], properties: { resourceType: { type: 'string' } } },
        },
      },
    },
  },
};

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
  @ApiQuery({ name: 'dryRun', required: false, schema: { type: 'string', enum: ['true', 'false', '1', '0'] } })
  @ApiRequestContent(
    {
      'text/csv': { schema: { type: 'string', pattern: CSV_BODY_PATTERN } },
      'application/fhir+json': { schema: FHIR_BUNDLE_BODY },
      'application/json': { schema: FHIR_BUNDLE_BODY },
    },
    'CSV with the columns in docs/api.md (a header naming known columns once, with mrn; rows with bad values are ' +
      'reported per row, not refused), or a FHIR R4 Bundle',
  )
  @ApiOperation({ summary: 'Import risk factors and sites (CSV or FHIR R4 Bundle)' })
  @ApiOkResponse({
    description:
      '{ format, dryRun, received, valid, stored, unchanged, errors: [{ row, field, message }], reassessed }',
    schema: ref('ImportReport'),
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
