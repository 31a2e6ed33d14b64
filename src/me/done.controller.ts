import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentUser, type Principal } from '../auth/principal';
import { DoneService } from './done.service';

export class DoneQuery {
  @IsOptional() @Type(() => Number) @IsInt({ message: '页码必须是整数' }) @Min(1, { message: '页码至少为 1' }) @Max(1000, { message: '页码至多为 1000' })
  page = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: '每页条数必须是整数' }) @Min(1, { message: '每页至少 1 条' }) @Max(100, { message: '每页至多 100 条' })
  pageSize = 20;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/done')
export class DoneController {
  constructor(private readonly done: DoneService) {}

  /** 已办: the caller's own recent steps. */
  @Get()
  list(@CurrentUser() me: Principal, @Query() q: DoneQuery) {
    return this.done.list(me, q.page, q.pageSize);
  }
}
