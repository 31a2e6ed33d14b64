import { Controller, Get, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { AppClock, CLOCK } from '../clock/clock';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type Principal } from '../auth/principal';
import { LandUseCheckQuery } from './dto/land-use-check.query';
import { PublicRegisterQuery } from './dto/public-register.query';
import { RegisterExportService, XLSX_TYPE } from './register-export';
import { RegistersService } from './registers.service';

function attachment(res: Response, ascii: string, name: string): void {
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

@ApiTags('registers')
@ApiBearerAuth()
@Controller()
export class RegistersController {
  constructor(private readonly registers: RegistersService, private readonly exports: RegisterExportService) {}

  /** 建设用地土壤污染风险管控和修复名录 (README, Registers). */
  @Get('registers/listed')
  @Roles('eeb', 'land', 'admin')
  listed(@CurrentUser() me: Principal) {
    return this.registers.listed(me);
  }

  /** 风险管控和修复名录 as an Excel workbook, the columns of the published register. */
  @Get('registers/listed/export')
  @Roles('eeb', 'land', 'admin')
  @ApiProduces(XLSX_TYPE)
  listedExport(@CurrentUser() me: Principal, @Res({ passthrough: true }) res: Response) {
    attachment(res, 'listed-register.xlsx', '风险管控和修复名录.xlsx');
    return new StreamableFile(this.exports.listed(me));
  }

  /** 疑似污染地块名单 as an Excel workbook. */
  @Get('registers/suspected/export')
  @Roles('eeb', 'land', 'admin')
  @ApiProduces(XLSX_TYPE)
  suspectedExport(@CurrentUser() me: Principal, @Res({ passthrough: true }) res: Response) {
    attachment(res, 'suspected-register.xlsx', '疑似污染地块名单.xlsx');
    return new StreamableFile(this.exports.suspected(me));
  }

  /** 优先控制名录: the land bureau's rank, then the model's score. */
  @Get('registers/priority')
  @Roles('eeb', 'land', 'admin')
  priority(@CurrentUser() me: Principal) {
    return this.registers.priority(me);
  }

  /** 后期管理: the plots whose aftercare obligations are not yet all fulfilled (土壤法第四十二条), overdue first. */
  @Get('registers/aftercare')
  @Roles('eeb', 'land', 'admin')
  aftercare(@CurrentUser() me: Principal) {
    return this.registers.aftercare(me);
  }

  /** 供地核查: may this plot be supplied for this use now? */
  @Get('land-use-check')
  @Roles('land', 'eeb', 'admin')
  landUseCheck(@CurrentUser() me: Principal, @Query() q: LandUseCheckQuery) {
    return this.registers.landUseCheck(me, q.plotId, q.use);
  }
}

@ApiTags('public')
@Controller('public')
export class PublicController {
  constructor(
    private readonly registers: RegistersService,
    @Inject(CLOCK) private readonly clock: AppClock,
  ) {}

  /** 名录公示: the listed register without internal ids, people or case files, by jurisdiction then priority, paged. */
  @Public()
  @Get('register')
  register(@Query() q: PublicRegisterQuery) {
    return this.registers.publicRegister(q.jurisdiction ?? null, q.page, q.pageSize);
  }

  /** 公示: what is in its public period now, and until when (effect evaluations, removal decisions). */
  @Public()
  @Get('disclosures')
  disclosures() {
    return this.registers.publicPeriods(this.clock.today());
  }

  /** Published notices: listing, priority list, notice boards, removal decisions. */
  @Public()
  @Get('notices')
  notices() {
    return this.registers.publicNotices();
  }
}
