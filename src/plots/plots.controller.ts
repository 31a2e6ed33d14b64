import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { UuidParam } from '../common/pipes';
import { CreatePlotDto } from './dto/create-plot.dto';
import { ListPlotsQuery } from './dto/list-plots.query';
import { MigratePlotDto } from './dto/migrate-plot.dto';
import { PlotHistoryService } from './plot-history.service';
import { PlotView } from './plot-view';
import { PlotsService } from './plots.service';


@ApiTags('plots')
@ApiBearerAuth()
@Controller('plots')
export class PlotsController {
  constructor(
    private readonly plots: PlotsService,
    private readonly history: PlotHistoryService,
  ) {}

  @Post()
  @ApiOkResponse({ type: PlotView })
  register(@CurrentUser() me: Principal, @Body() dto: CreatePlotDto) {
    return this.plots.register(me, dto);
  }

  @Get()
  list(@CurrentUser() me: Principal, @Query() q: ListPlotsQuery) {
    return this.plots.list(me, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlotView })
  get(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.plots.get(me, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，只执行一次' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string', example: 'APPROVE' },
        expectedVersion: { type: 'integer', example: 3 },
      },
      additionalProperties: true,
      description: 'The event and its payload, e.g. {"type":"APPROVE","opinion":"同意"}; see GET /workflows/plot-lifecycle',
    },
  })
  @ApiOkResponse({ type: PlotView })
  send(
    @CurrentUser() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.plots.sendEvent(me, id, body, key);
  }

  /** An administrator's explicit move of a plot to a later workflow version, with its own audit row. */
  @Post(':id/migrate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: PlotView })
  migrate(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string, @Body() dto: MigratePlotDto) {
    return this.plots.migrate(me, id, dto.toVersion);
  }

  @Get(':id/history')
  historyOf(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.history.history(me, id);
  }

  @Get(':id/screening')
  screening(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.plots.screeningOf(me, id);
  }
}
