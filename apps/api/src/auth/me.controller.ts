import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from './current-actor.decorator';
import { RequireRole } from './require-role.decorator';
import type { Actor } from '../common/request-context';

@ApiTags('keys')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('me')
export class MeController {
  @Get()
  @ApiOkResponse({ description: "The calling key's name and role (the web page uses it after login)" })
  me(@CurrentActor() actor: Actor) {
    return { name: actor.name, role: actor.role };
  }
}
