import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ROLES } from '../auth/roles';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import { CreateKeyBody, createKeySchema } from './keys.dto';
import { KeysService } from './keys.service';

@ApiTags('keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('keys')
export class KeysController {
  constructor(private readonly service: KeysService) {}

  @Post()
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'role'],
      properties: { name: { type: 'string' }, role: { enum: [...ROLES] } },
    },
  })
  @ApiCreatedResponse({ description: 'The new key, with `key` in clear text: store it now, it is never shown again' })
  create(@CurrentActor() actor: Actor, @Body(new ZodPipe(createKeySchema)) body: CreateKeyBody) {
    return this.service.create(actor, body);
  }

  @Get()
  @ApiOkResponse({ description: 'Every key (never the key itself): name, role, prefix, created, revoked' })
  list(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The key, now revoked (revoking twice is harmless)' })
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.revoke(actor, id);
  }
}
