import { Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors';
import { CalendarService } from './calendar.service';
import { PutCalendarYearDto } from './dto/put-calendar.dto';

const Year = new ParseIntPipe({ exceptionFactory: () => new NotFoundError('年份应为四位数字') });

function checkYear(year: number): number {
  if (year < 2000 || year > 2100) throw new NotFoundError('年份应在 2000–2100 之间');
  return year;
}

/** 工作日历: the State Council's holiday arrangement per year, which lead times and deadlines count on. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  list() {
    return this.calendar.list();
  }

  @Get(':year')
  get(@Param('year', Year) year: number) {
    return this.calendar.get(checkYear(year));
  }

  @Put(':year')
  put(@CurrentUser() me: Principal, @Param('year', Year) year: number, @Body() dto: PutCalendarYearDto) {
    return this.calendar.put(me, checkYear(year), dto.tsv, dto.source);
  }
}
