import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ROLES } from '../auth/roles';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { CreateKeyBody, createKeySchema } from './keys.dto';
import { KeysService } from './keys.service';
import { ApiErrors } from '../openapi/complete-openapi';
import { ref } from '../openapi/response-schemas';

@ApiTags('keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('keys')
export class KeysController {
  constructor(private readonly service: KeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'role'],
      additionalProperties: false,
      properties: {
        name: {
          type: 'string',
          pattern: '^[A-Za-z0-9][A-Za-z0-9 ._@-]{1,63}$',
          description: 'Who or what uses the key (2-64 characters); the actor in the audit log, unique',
        },
        role: { type: 'string', enum: [...ROLES] },
      },
    },
  })
  @ApiCreatedResponse({
    description: 'The new key, with `key` in clear text: store it now, it is never shown again',
    schema: ref('NewApiKey'),
  })
  @ApiErrors({ 409: 'A key with this name exists (names are never reused)' })
  create(@CurrentActor() actor: Actor, @Body(new ZodPipe(createKeySchema)) body: CreateKeyBody) {
    return this.service.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List API keys' })
  @ApiOkResponse({
    description: 'Every key (never the key itself): name, role, prefix, created, revoked',
    schema: { type: 'array', items: ref('ApiKey') },
  })
  list(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ description: 'The key, now revoked (revoking twice is harmless)', schema: ref('ApiKey') })
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.revoke(actor, id);
  }
}
