import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/response-schemas';
import { Public } from '../auth/require-role.decorator';
import { HealthRepository } from './health.repository';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly repository: HealthRepository) {}

  @Get()
  @ApiOperation({ summary: 'Health check' })
  @ApiOkResponse({ description: 'The API is up; `database` says whether PostgreSQL answers.', schema: ref('Health') })
  async health(): Promise<{ status: string; database: string }> {
    return (await this.repository.databaseAnswers())
      ? { status: 'ok', database: 'ok' }
      : { status: 'degraded', database: 'unreachable' };
  }
}
