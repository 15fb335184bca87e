import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ref } from '../openapi/response-schemas';
import { CurrentActor } from './current-actor.decorator';
import { RequireRole } from './require-role.decorator';
import type { Actor } from '../common/request-context';

@ApiTags('keys')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'Who am I: the calling key' })
  @ApiOkResponse({
    description: "The calling key's name and role (the web page uses it after login)",
    schema: ref('Me'),
  })
  me(@CurrentActor() actor: Actor) {
    return { name: actor.name, role: actor.role };
  }
}
