import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { UuidParam } from '../common/pipes';
import { SamplePointsQuery } from './dto/sample-points.query';
import { SamplePointsService } from './sample-points.service';

/** The plot map's sample locations (一张图); whoever may see the plot may see them. */
@ApiTags('map')
@ApiBearerAuth()
@Controller('plots')
export class SamplePointsController {
  constructor(private readonly points: SamplePointsService) {}

  @Get(':id/samples/points')
  @Header('Content-Type', 'application/geo+json')
  list(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Query() q: SamplePointsQuery) {
    return this.points.points(me, id, q);
  }
}
