import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const started = process.hrtime.bigint();
    let ok = true;
    let version: string | undefined;
    try {
      const rows = await this.ds.query('SELECT current_setting($1) AS v', ['server_version']);
      version = rows[0]?.v;
    } catch {
      ok = false;
    }
    const latencyMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    if (!ok) res.status(503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database: { ok, mode: this.config.databaseMode, serverVersion: version, latencyMs },
    };
  }
}
