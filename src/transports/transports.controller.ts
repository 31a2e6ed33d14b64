import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal } from '../auth/principal';
import { IdempotencyKey } from '../common/idempotency-key.decorator';
import { UuidParam } from '../common/pipes';
import { TransportView } from './transport-view';
import { TransportsService } from './transports.service';


@ApiTags('transports')
@ApiBearerAuth()
@Controller()
export class TransportsController {
  constructor(private readonly transports: TransportsService) {}

  /** 新建转运批次 (holder of the plot; body empty): a transport in `draft`. */
  @Post('plots/:id/transports')
  @ApiOkResponse({ type: TransportView })
  open(@CurrentUser() me: Principal, @Param('id', UuidParam) plotId: string, @Body() body: unknown) {
    return this.transports.open(me, plotId, body);
  }

  @Get('plots/:id/transports')
  list(@CurrentUser() me: Principal, @Param('id', UuidParam) plotId: string) {
    return this.transports.listForPlot(me, plotId);
  }

  @Get('transports/:id')
  @ApiOkResponse({ type: TransportView })
  get(@CurrentUser() me: Principal, @Param('id', UuidParam) id: string) {
    return this.transports.get(me, id);
  }

  @Post('transports/:id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重试同一请求时携带相同的键，只执行一次' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type'],
      properties: { type: { type: 'string', example: 'ACKNOWLEDGE' }, expectedVersion: { type: 'integer', example: 2 } },
      additionalProperties: true,
      description: 'The event and its payload, e.g. {"type":"DISPATCH","manifestNo":"ZY-2026-0001","quantityT":120}; see GET /workflows/soil-transport',
    },
  })
  @ApiOkResponse({ type: TransportView })
  send(
    @CurrentUser() me: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
    @IdempotencyKey() key?: string,
  ) {
    return this.transports.sendEvent(me, id, body, key);
  }
}
