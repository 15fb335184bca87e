import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { apiQueries } from '../common/api-queries';
import type { Actor } from '../common/request-context';
import { ZodPipe } from '../common/zod-query.pipe';
import {
  NoteBody,
  noteSchema,
  WORKLIST_STATUSES,
  WorklistPatch,
  worklistPatchSchema,
  WorklistQuery,
  worklistQuerySchema,
} from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('worklist')
export class WorklistController {
  constructor(private readonly service: WorklistService) {}

  @Get()
  @apiQueries(worklistQuerySchema)
  @ApiOkResponse({ description: 'Flagged patients, most urgent first: { items, total, limit, offset }' })
  list(@CurrentActor() actor: Actor, @Query(new ZodPipe(worklistQuerySchema)) query: WorklistQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ description: 'One item with scores, risk, notes and its change history' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The item, now claimed by the caller; 409 when it is not open' })
  claim(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.claim(actor, id);
  }

  @Patch(':id')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        status: { enum: [...WORKLIST_STATUSES] },
        assignee: { type: 'string', nullable: true },
        dueDate: { type: 'string', format: 'date', nullable: true },
        dismissReason: { type: 'string' },
      },
    },
  })
  @ApiOkResponse({ description: 'The changed item; an invalid status transition is a 409 saying which are allowed' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(worklistPatchSchema)) patch: WorklistPatch,
  ) {
    return this.service.update(actor, id, patch);
  }

  @Post(':id/notes')
  @ApiBody({
    schema: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: 4000 } } },
  })
  @ApiCreatedResponse({ description: 'The new note' })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(noteSchema)) note: NoteBody,
  ) {
    return this.service.addNote(actor, id, note);
  }
}
