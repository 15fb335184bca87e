import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
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
import { ApiErrors } from '../openapi/complete-openapi';
import { pageOf, ref } from '../openapi/response-schemas';

@ApiTags('worklist')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('worklist')
export class WorklistController {
  constructor(private readonly service: WorklistService) {}

  @Get()
  @apiQueries(worklistQuerySchema)
  @ApiOperation({ summary: 'List the worklist (filtered, sorted, paged)' })
  @ApiOkResponse({
    description: 'Flagged patients, most urgent first: { items, total, limit, offset }',
    schema: pageOf('WorklistItem'),
  })
  list(@CurrentActor() actor: Actor, @Query(new ZodPipe(worklistQuerySchema)) query: WorklistQuery) {
    return this.service.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one worklist item' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    description: 'One item with scores, risk, notes and its change history',
    schema: ref('WorklistItemDetail'),
  })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim an open worklist item' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ description: 'The item, now claimed by the caller', schema: ref('WorklistItemDetail') })
  @ApiErrors({ 409: 'The item is not open (the message names who holds it)' })
  claim(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.claim(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a worklist item (status, assignee, due date)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({
    schema: {
      type: 'object',
      minProperties: 1,
      additionalProperties: false,
      properties: {
        status: { type: 'string', enum: [...WORKLIST_STATUSES] },
        assignee: { type: 'string', nullable: true, minLength: 1, maxLength: 64, pattern: '\\S' },
        dueDate: {
          type: 'string',
          format: 'date',
          pattern: '^2[0-9]{3}-',
          nullable: true,
          description: 'From yesterday to 5 years ahead (a date outside is a 400)',
        },
        dismissReason: {
          type: 'string',
          minLength: 3,
          maxLength: 500,
          pattern: '\\S[\\s\\S]+\\S',
          description: 'Why (at least 3 characters); required with status dismissed',
        },
      },
    },
  })
  @ApiOkResponse({ description: 'The changed item', schema: ref('WorklistItemDetail') })
  @ApiErrors({ 409: 'An invalid status transition (the message lists the allowed ones), or a final item' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(worklistPatchSchema)) patch: WorklistPatch,
  ) {
    return this.service.update(actor, id, patch);
  }

  @Post(':id/notes')
  @ApiOperation({ summary: 'Add a note to a worklist item' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['body'],
      additionalProperties: false,
      properties: { body: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' } },
    },
  })
  @ApiCreatedResponse({ description: 'The new note', schema: ref('WorklistNote') })
  addNote(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodPipe(noteSchema)) note: NoteBody,
  ) {
    return this.service.addNote(actor, id, note);
  }
}
