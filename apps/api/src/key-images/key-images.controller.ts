import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import type { Actor } from '../common/request-context';
import { KeyImagesService } from './key-images.service';
import { ApiErrors } from '../openapi/complete-openapi';
import { ref } from '../openapi/response-schemas';

/** Ranks beyond this are refused up front (a study has at most a handful of key images). */
const MAX_KEY_IMAGE_RANK = 100;

/** Key images of a worklist item's study: the slices of its largest coronary lesions, calcium coloured by artery. */
@ApiTags('worklist')
@ApiBearerAuth()
@RequireRole('coordinator')
@Controller('worklist')
export class KeyImagesController {
  constructor(private readonly service: KeyImagesService) {}

  @Get(':id/key-images')
  @ApiOperation({ summary: "List a worklist item's key images" })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({
    schema: ref('KeyImageList'),
    description:
      'Key images of the item’s study, largest lesion first: { worklistItemId, modelVersion, items: [{ rank, ' +
      'sliceIndex, zMm, agatston, arteries, width, height, url }] }; items is empty when no coronary calcium was counted',
  })
  list(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.service.list(actor, id);
  }

  @Get(':id/key-images/:rank.png')
  @ApiOperation({ summary: 'Get one key image (PNG)' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiErrors({ 404: 'No such item, or the item has no key image of that rank' })
  @ApiParam({
    name: 'rank',
    schema: { type: 'integer', minimum: 1, maximum: MAX_KEY_IMAGE_RANK },
    description: '1 = the slice of the largest lesion',
  })
  @ApiProduces('image/png')
  // Patient images: never kept by the browser or a proxy (the page fetches them with the key each time).
  @Header('Cache-Control', 'private, no-store')
  @ApiOkResponse({
    description:
      'The key image: the axial slice in a W400/L40 window, calcium ≥ 130 HU coloured LM yellow, LAD vermillion, ' +
      'LCX sky blue, RCA green, other calcium purple; 404 when the item has no image of that rank',
    content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
  })
  async png(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('rank', new ParseIntPipe()) rank: number,
  ) {
    if (rank < 1 || rank > MAX_KEY_IMAGE_RANK) {
      throw new BadRequestException(`rank must be an integer from 1 to ${MAX_KEY_IMAGE_RANK}`);
    }
    const png = await this.service.png(actor, id, rank);
    return new StreamableFile(png, { type: 'image/png', length: png.length });
  }
}
