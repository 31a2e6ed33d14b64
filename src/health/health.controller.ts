import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DatabaseHealth } from '../database/database-health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    const started = process.hrtime.bigint();
    let ok = true;
    let version: string | undefined;
    try {
      version = (await this.database.ping()).serverVersion;
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
