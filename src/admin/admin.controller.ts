import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '../auth/principal';
import { DirectoryRepository } from '../organisations/directory.repository';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { settingsView } from '../config/settings-view';
import { UuidParam as uuid } from '../common/pipes';
import { AdminService } from './admin.service';
import { toChangeLogEntry } from './change-log';
import { ChangeLogQuery } from './dto/change-log.query';
import {
  CreateJurisdictionDto,
  CreateOrganisationDto,
  CreateUserDto,
  ResetPasswordDto,
  UpdateJurisdictionDto,
  UpdateOrganisationDto,
  UpdateUserDto,
} from './dto/admin.dto';


@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly directory: DirectoryRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The effective settings, read-only: values that change behaviour, never a secret. */
  @Get('settings')
  settings() {
    return settingsView(this.config);
  }

  @Get('jurisdictions')
  jurisdictions() {
    return this.directory.jurisdictions();
  }

  @Post('jurisdictions')
  createJurisdiction(@CurrentUser() me: Principal, @Body() dto: CreateJurisdictionDto) {
    return this.admin.createJurisdiction(me, dto);
  }

  @Patch('jurisdictions/:code')
  updateJurisdiction(@CurrentUser() me: Principal, @Param('code') code: string, @Body() dto: UpdateJurisdictionDto) {
    return this.admin.updateJurisdiction(me, code, dto);
  }

  @Get('organisations')
  organisations() {
    return this.directory.organisations();
  }

  @Post('organisations')
  createOrganisation(@CurrentUser() me: Principal, @Body() dto: CreateOrganisationDto) {
    return this.admin.createOrganisation(me, dto);
  }

  @Patch('organisations/:id')
  updateOrganisation(@CurrentUser() me: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateOrganisationDto) {
    return this.admin.updateOrganisation(me, id, dto);
  }

  @Get('users')
  users() {
    return this.directory.users();
  }

  @Post('users')
  createUser(@CurrentUser() me: Principal, @Body() dto: CreateUserDto) {
    return this.admin.createUser(me, dto);
  }

  @Patch('users/:id')
  updateUser(@CurrentUser() me: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto) {
    return this.admin.updateUser(me, id, dto);
  }

  @Post('users/:id/reset-password')
  @HttpCode(204)
  resetPassword(@CurrentUser() me: Principal, @Param('id', uuid) id: string, @Body() dto: ResetPasswordDto) {
    return this.admin.resetPassword(me, id, dto.password);
  }

  /** 变更记录: the change log in words, newest first, paged. */
  @Get('change-log')
  async changeLog(@Query() q: ChangeLogQuery) {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await this.directory.changesPage((page - 1) * pageSize, pageSize);
    return { items: rows.map(toChangeLogEntry), total, page, pageSize };
  }

  @Get('changes')
  changes(@Query('limit') limit?: string) {
    const n = Math.min(Math.max(Number(limit) || 100, 1), 1000);
    return this.directory.changes(n);
  }
}
